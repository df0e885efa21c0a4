CREATE TABLE "group_survey_answers" (
	"class_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"interests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"free_times" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"partners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_survey_answers_class_id_user_id_pk" PRIMARY KEY("class_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "group_surveys" (
	"class_id" uuid PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"open" boolean DEFAULT false NOT NULL,
	"interests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"slots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_partners" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_attributes" (
	"class_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"district_id" uuid NOT NULL,
	"value" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "student_attributes_class_id_name_user_id_pk" PRIMARY KEY("class_id","name","user_id")
);
--> statement-breakpoint
ALTER TABLE "group_survey_answers" ADD CONSTRAINT "group_survey_answers_class_id_group_surveys_class_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."group_surveys"("class_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_survey_answers" ADD CONSTRAINT "group_survey_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_survey_answers" ADD CONSTRAINT "group_survey_answers_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_surveys" ADD CONSTRAINT "group_surveys_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_surveys" ADD CONSTRAINT "group_surveys_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_attributes" ADD CONSTRAINT "student_attributes_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_attributes" ADD CONSTRAINT "student_attributes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_attributes" ADD CONSTRAINT "student_attributes_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_attributes" ADD CONSTRAINT "student_attributes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;