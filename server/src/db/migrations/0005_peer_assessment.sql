CREATE TABLE "peer_group_marks" (
	"task_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"mark" numeric(5, 2) NOT NULL,
	"entered_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peer_group_marks_task_id_group_id_pk" PRIMARY KEY("task_id","group_id"),
	CONSTRAINT "peer_group_marks_range" CHECK ("peer_group_marks"."mark" >= 0 and "peer_group_marks"."mark" <= 100)
);
--> statement-breakpoint
CREATE TABLE "peer_mark_overrides" (
	"task_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"mark" numeric(5, 2) NOT NULL,
	"reason" text NOT NULL,
	"overridden_by" uuid NOT NULL,
	"overridden_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "peer_mark_overrides_task_id_user_id_pk" PRIMARY KEY("task_id","user_id"),
	CONSTRAINT "peer_mark_overrides_range" CHECK ("peer_mark_overrides"."mark" >= 0 and "peer_mark_overrides"."mark" <= 100)
);
--> statement-breakpoint
CREATE TABLE "peer_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"task_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"rater_id" uuid NOT NULL,
	"ratee_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "peer_group_marks" ADD CONSTRAINT "peer_group_marks_task_id_group_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."group_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_marks" ADD CONSTRAINT "peer_group_marks_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_marks" ADD CONSTRAINT "peer_group_marks_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_group_marks" ADD CONSTRAINT "peer_group_marks_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_mark_overrides" ADD CONSTRAINT "peer_mark_overrides_task_id_group_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."group_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_mark_overrides" ADD CONSTRAINT "peer_mark_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_mark_overrides" ADD CONSTRAINT "peer_mark_overrides_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_mark_overrides" ADD CONSTRAINT "peer_mark_overrides_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_mark_overrides" ADD CONSTRAINT "peer_mark_overrides_overridden_by_users_id_fk" FOREIGN KEY ("overridden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_ratings" ADD CONSTRAINT "peer_ratings_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_ratings" ADD CONSTRAINT "peer_ratings_task_id_group_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."group_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_ratings" ADD CONSTRAINT "peer_ratings_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_ratings" ADD CONSTRAINT "peer_ratings_rater_id_users_id_fk" FOREIGN KEY ("rater_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peer_ratings" ADD CONSTRAINT "peer_ratings_ratee_id_users_id_fk" FOREIGN KEY ("ratee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "peer_ratings_task_rater_ratee_idx" ON "peer_ratings" USING btree ("task_id","rater_id","ratee_id");--> statement-breakpoint
CREATE INDEX "peer_ratings_group_idx" ON "peer_ratings" USING btree ("task_id","group_id");