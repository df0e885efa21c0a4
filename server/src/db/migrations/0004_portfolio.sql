CREATE TABLE "portfolio_artifacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"co_owner_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"body" text,
	"url" text,
	"file_id" uuid,
	"source" jsonb,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"occurred_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_collection_pages" (
	"collection_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "portfolio_collection_pages_collection_id_page_id_pk" PRIMARY KEY("collection_id","page_id")
);
--> statement-breakpoint
CREATE TABLE "portfolio_collections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT 'showcase' NOT NULL,
	"template_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"inline" boolean DEFAULT false NOT NULL,
	"width" integer,
	"height" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_link_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"link_id" uuid NOT NULL,
	"page_id" uuid,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"page_id" uuid,
	"collection_id" uuid,
	"token_hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"view_count" integer DEFAULT 0 NOT NULL,
	"last_viewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_links_one_subject" CHECK (("portfolio_links"."page_id" is null) <> ("portfolio_links"."collection_id" is null))
);
--> statement-breakpoint
CREATE TABLE "portfolio_page_artifacts" (
	"page_id" uuid NOT NULL,
	"artifact_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	CONSTRAINT "portfolio_page_artifacts_page_id_artifact_id_pk" PRIMARY KEY("page_id","artifact_id")
);
--> statement-breakpoint
CREATE TABLE "portfolio_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT 'showcase' NOT NULL,
	"layout" jsonb NOT NULL,
	"template_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_prompts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_reflections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"artifact_id" uuid,
	"page_id" uuid,
	"prompt_id" uuid,
	"prompt_text" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_reflections_one_target" CHECK (("portfolio_reflections"."artifact_id" is null) <> ("portfolio_reflections"."page_id" is null))
);
--> statement-breakpoint
CREATE TABLE "portfolio_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"page_id" uuid,
	"collection_id" uuid,
	"target_type" text NOT NULL,
	"target_id" uuid,
	"allow_comments" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "portfolio_shares_one_subject" CHECK (("portfolio_shares"."page_id" is null) <> ("portfolio_shares"."collection_id" is null))
);
--> statement-breakpoint
CREATE TABLE "portfolio_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"purpose" text DEFAULT 'showcase' NOT NULL,
	"pages" jsonb NOT NULL,
	"created_by" uuid,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"rubric_id" uuid NOT NULL,
	"title" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"due_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"page_id" uuid,
	"artifact_id" uuid,
	"owner_id" uuid NOT NULL,
	"parent_id" uuid,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"request_id" uuid,
	"question_index" integer,
	"hidden_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "portfolio_comments_one_target" CHECK (("portfolio_comments"."page_id" is null) <> ("portfolio_comments"."artifact_id" is null))
);
--> statement-breakpoint
CREATE TABLE "portfolio_feedback_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"page_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"questions" jsonb NOT NULL,
	"message" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_feedback_reviewers" (
	"request_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "portfolio_feedback_reviewers_request_id_reviewer_id_pk" PRIMARY KEY("request_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "portfolio_rubric_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"rubric_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_rubric_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"points" numeric(8, 2) NOT NULL,
	CONSTRAINT "portfolio_rubric_levels_points" CHECK ("portfolio_rubric_levels"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "portfolio_rubrics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"class_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portfolio_snapshot_files" (
	"submission_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	CONSTRAINT "portfolio_snapshot_files_submission_id_file_id_pk" PRIMARY KEY("submission_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "portfolio_submission_scores" (
	"submission_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"level_id" uuid,
	"points" numeric(8, 2) NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "portfolio_submission_scores_submission_id_criterion_id_pk" PRIMARY KEY("submission_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "portfolio_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" uuid NOT NULL,
	"snapshot" jsonb NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"overall_comment" text,
	"total_points" numeric(10, 2),
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone,
	"returned_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "portfolio_artifacts" ADD CONSTRAINT "portfolio_artifacts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_artifacts" ADD CONSTRAINT "portfolio_artifacts_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_artifacts" ADD CONSTRAINT "portfolio_artifacts_file_id_portfolio_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."portfolio_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_collection_pages" ADD CONSTRAINT "portfolio_collection_pages_collection_id_portfolio_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."portfolio_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_collection_pages" ADD CONSTRAINT "portfolio_collection_pages_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_collection_pages" ADD CONSTRAINT "portfolio_collection_pages_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_collections" ADD CONSTRAINT "portfolio_collections_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_collections" ADD CONSTRAINT "portfolio_collections_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_files" ADD CONSTRAINT "portfolio_files_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_files" ADD CONSTRAINT "portfolio_files_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_link_views" ADD CONSTRAINT "portfolio_link_views_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_link_views" ADD CONSTRAINT "portfolio_link_views_link_id_portfolio_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."portfolio_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_links" ADD CONSTRAINT "portfolio_links_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_links" ADD CONSTRAINT "portfolio_links_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_links" ADD CONSTRAINT "portfolio_links_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_links" ADD CONSTRAINT "portfolio_links_collection_id_portfolio_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."portfolio_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_page_artifacts" ADD CONSTRAINT "portfolio_page_artifacts_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_page_artifacts" ADD CONSTRAINT "portfolio_page_artifacts_artifact_id_portfolio_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."portfolio_artifacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_page_artifacts" ADD CONSTRAINT "portfolio_page_artifacts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_pages" ADD CONSTRAINT "portfolio_pages_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_pages" ADD CONSTRAINT "portfolio_pages_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_prompts" ADD CONSTRAINT "portfolio_prompts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_prompts" ADD CONSTRAINT "portfolio_prompts_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_prompts" ADD CONSTRAINT "portfolio_prompts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_reflections" ADD CONSTRAINT "portfolio_reflections_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_reflections" ADD CONSTRAINT "portfolio_reflections_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_reflections" ADD CONSTRAINT "portfolio_reflections_artifact_id_portfolio_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."portfolio_artifacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_reflections" ADD CONSTRAINT "portfolio_reflections_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_reflections" ADD CONSTRAINT "portfolio_reflections_prompt_id_portfolio_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."portfolio_prompts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_shares" ADD CONSTRAINT "portfolio_shares_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_shares" ADD CONSTRAINT "portfolio_shares_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_shares" ADD CONSTRAINT "portfolio_shares_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_shares" ADD CONSTRAINT "portfolio_shares_collection_id_portfolio_collections_id_fk" FOREIGN KEY ("collection_id") REFERENCES "public"."portfolio_collections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_templates" ADD CONSTRAINT "portfolio_templates_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_templates" ADD CONSTRAINT "portfolio_templates_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_templates" ADD CONSTRAINT "portfolio_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_assessments" ADD CONSTRAINT "portfolio_assessments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_assessments" ADD CONSTRAINT "portfolio_assessments_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_assessments" ADD CONSTRAINT "portfolio_assessments_rubric_id_portfolio_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."portfolio_rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_assessments" ADD CONSTRAINT "portfolio_assessments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_comments" ADD CONSTRAINT "portfolio_comments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_comments" ADD CONSTRAINT "portfolio_comments_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_comments" ADD CONSTRAINT "portfolio_comments_artifact_id_portfolio_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."portfolio_artifacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_comments" ADD CONSTRAINT "portfolio_comments_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_comments" ADD CONSTRAINT "portfolio_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_feedback_requests" ADD CONSTRAINT "portfolio_feedback_requests_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_feedback_requests" ADD CONSTRAINT "portfolio_feedback_requests_page_id_portfolio_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."portfolio_pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_feedback_requests" ADD CONSTRAINT "portfolio_feedback_requests_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_feedback_reviewers" ADD CONSTRAINT "portfolio_feedback_reviewers_request_id_portfolio_feedback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."portfolio_feedback_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_feedback_reviewers" ADD CONSTRAINT "portfolio_feedback_reviewers_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_feedback_reviewers" ADD CONSTRAINT "portfolio_feedback_reviewers_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubric_criteria" ADD CONSTRAINT "portfolio_rubric_criteria_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubric_criteria" ADD CONSTRAINT "portfolio_rubric_criteria_rubric_id_portfolio_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."portfolio_rubrics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubric_levels" ADD CONSTRAINT "portfolio_rubric_levels_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubric_levels" ADD CONSTRAINT "portfolio_rubric_levels_criterion_id_portfolio_rubric_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."portfolio_rubric_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubrics" ADD CONSTRAINT "portfolio_rubrics_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubrics" ADD CONSTRAINT "portfolio_rubrics_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_rubrics" ADD CONSTRAINT "portfolio_rubrics_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_snapshot_files" ADD CONSTRAINT "portfolio_snapshot_files_submission_id_portfolio_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."portfolio_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_snapshot_files" ADD CONSTRAINT "portfolio_snapshot_files_file_id_portfolio_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."portfolio_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_snapshot_files" ADD CONSTRAINT "portfolio_snapshot_files_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submission_scores" ADD CONSTRAINT "portfolio_submission_scores_submission_id_portfolio_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."portfolio_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submission_scores" ADD CONSTRAINT "portfolio_submission_scores_criterion_id_portfolio_rubric_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."portfolio_rubric_criteria"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submission_scores" ADD CONSTRAINT "portfolio_submission_scores_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submission_scores" ADD CONSTRAINT "portfolio_submission_scores_level_id_portfolio_rubric_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."portfolio_rubric_levels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_assessment_id_portfolio_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."portfolio_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portfolio_submissions" ADD CONSTRAINT "portfolio_submissions_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portfolio_artifacts_owner_idx" ON "portfolio_artifacts" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "portfolio_artifacts_co_owner_idx" ON "portfolio_artifacts" USING gin ("co_owner_ids");--> statement-breakpoint
CREATE INDEX "portfolio_artifacts_district_idx" ON "portfolio_artifacts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "portfolio_collection_pages_page_idx" ON "portfolio_collection_pages" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "portfolio_collections_owner_idx" ON "portfolio_collections" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "portfolio_files_owner_idx" ON "portfolio_files" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "portfolio_link_views_link_idx" ON "portfolio_link_views" USING btree ("link_id","viewed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_links_token_idx" ON "portfolio_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "portfolio_links_owner_idx" ON "portfolio_links" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "portfolio_page_artifacts_artifact_idx" ON "portfolio_page_artifacts" USING btree ("artifact_id");--> statement-breakpoint
CREATE INDEX "portfolio_pages_owner_idx" ON "portfolio_pages" USING btree ("owner_id","updated_at");--> statement-breakpoint
CREATE INDEX "portfolio_prompts_class_idx" ON "portfolio_prompts" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "portfolio_reflections_artifact_idx" ON "portfolio_reflections" USING btree ("artifact_id");--> statement-breakpoint
CREATE INDEX "portfolio_reflections_page_idx" ON "portfolio_reflections" USING btree ("page_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_shares_unique_idx" ON "portfolio_shares" USING btree (coalesce("page_id", "collection_id"),"target_type",coalesce("target_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "portfolio_shares_page_idx" ON "portfolio_shares" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "portfolio_shares_collection_idx" ON "portfolio_shares" USING btree ("collection_id");--> statement-breakpoint
CREATE INDEX "portfolio_shares_target_idx" ON "portfolio_shares" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "portfolio_shares_owner_idx" ON "portfolio_shares" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "portfolio_templates_class_idx" ON "portfolio_templates" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "portfolio_assessments_class_idx" ON "portfolio_assessments" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "portfolio_comments_page_idx" ON "portfolio_comments" USING btree ("page_id","created_at");--> statement-breakpoint
CREATE INDEX "portfolio_comments_artifact_idx" ON "portfolio_comments" USING btree ("artifact_id","created_at");--> statement-breakpoint
CREATE INDEX "portfolio_comments_request_idx" ON "portfolio_comments" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "portfolio_feedback_requests_owner_idx" ON "portfolio_feedback_requests" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "portfolio_feedback_requests_page_idx" ON "portfolio_feedback_requests" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "portfolio_feedback_reviewers_reviewer_idx" ON "portfolio_feedback_reviewers" USING btree ("reviewer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_rubric_criteria_position_idx" ON "portfolio_rubric_criteria" USING btree ("rubric_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_rubric_levels_position_idx" ON "portfolio_rubric_levels" USING btree ("criterion_id","position");--> statement-breakpoint
CREATE INDEX "portfolio_rubrics_class_idx" ON "portfolio_rubrics" USING btree ("class_id");--> statement-breakpoint
CREATE INDEX "portfolio_snapshot_files_file_idx" ON "portfolio_snapshot_files" USING btree ("file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "portfolio_submissions_student_idx" ON "portfolio_submissions" USING btree ("assessment_id","student_id");--> statement-breakpoint
CREATE INDEX "portfolio_submissions_student_only_idx" ON "portfolio_submissions" USING btree ("student_id");