ALTER TABLE "class_rosters" ADD COLUMN "student_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "class_rosters" ADD COLUMN "teachers_json" text DEFAULT '[]' NOT NULL;