CREATE TABLE "brainstorm_boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"group_id" uuid,
	"title" text NOT NULL,
	"layout" text DEFAULT 'canvas' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"reveal_names" boolean DEFAULT false NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"votes_per_person" integer DEFAULT 3 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "brainstorm_cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"colour" text DEFAULT 'yellow' NOT NULL,
	"x" integer DEFAULT 0 NOT NULL,
	"y" integer DEFAULT 0 NOT NULL,
	"column_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"cluster_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"move_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brainstorm_clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brainstorm_columns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"title" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "brainstorm_votes" (
	"card_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brainstorm_votes_card_id_user_id_pk" PRIMARY KEY("card_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "brainstorm_boards" ADD CONSTRAINT "brainstorm_boards_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_boards" ADD CONSTRAINT "brainstorm_boards_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_boards" ADD CONSTRAINT "brainstorm_boards_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_boards" ADD CONSTRAINT "brainstorm_boards_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_cards" ADD CONSTRAINT "brainstorm_cards_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_cards" ADD CONSTRAINT "brainstorm_cards_board_id_brainstorm_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."brainstorm_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_cards" ADD CONSTRAINT "brainstorm_cards_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_cards" ADD CONSTRAINT "brainstorm_cards_column_id_brainstorm_columns_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."brainstorm_columns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_cards" ADD CONSTRAINT "brainstorm_cards_cluster_id_brainstorm_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."brainstorm_clusters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_clusters" ADD CONSTRAINT "brainstorm_clusters_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_clusters" ADD CONSTRAINT "brainstorm_clusters_board_id_brainstorm_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."brainstorm_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_columns" ADD CONSTRAINT "brainstorm_columns_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_columns" ADD CONSTRAINT "brainstorm_columns_board_id_brainstorm_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."brainstorm_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_votes" ADD CONSTRAINT "brainstorm_votes_card_id_brainstorm_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."brainstorm_cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_votes" ADD CONSTRAINT "brainstorm_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_votes" ADD CONSTRAINT "brainstorm_votes_board_id_brainstorm_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."brainstorm_boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brainstorm_votes" ADD CONSTRAINT "brainstorm_votes_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brainstorm_boards_class_idx" ON "brainstorm_boards" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "brainstorm_boards_group_idx" ON "brainstorm_boards" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "brainstorm_cards_board_idx" ON "brainstorm_cards" USING btree ("board_id","column_id","position");--> statement-breakpoint
CREATE INDEX "brainstorm_clusters_board_idx" ON "brainstorm_clusters" USING btree ("board_id");--> statement-breakpoint
CREATE INDEX "brainstorm_columns_board_idx" ON "brainstorm_columns" USING btree ("board_id","position");--> statement-breakpoint
CREATE INDEX "brainstorm_votes_board_user_idx" ON "brainstorm_votes" USING btree ("board_id","user_id");