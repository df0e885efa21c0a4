CREATE TABLE "portfolio_page_artifacts" (
	"page_id" uuid NOT NULL,
	"artifact_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	CONSTRAINT "portfolio_page_artifacts_page_id_artifact_id_pk" PRIMARY KEY("page_id","artifact_id")
);
--> statement-breakpoint
ALTER TABLE "portfolio_shares" ADD COLUMN "allow_comments" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "portfolio_page_artifacts" ADD CONSTRAINT "portfolio_page_artifacts_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_page_artifacts" ADD CONSTRAINT "portfolio_page_artifacts_artifact_id_portfolio_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."portfolio_artifacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_page_artifacts" ADD CONSTRAINT "portfolio_page_artifacts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portfolio_page_artifacts_artifact_idx" ON "portfolio_page_artifacts" USING btree ("artifact_id");