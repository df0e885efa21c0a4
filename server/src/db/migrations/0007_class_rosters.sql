CREATE TABLE "class_rosters" (
	"class_id" uuid PRIMARY KEY NOT NULL,
	"active_json" text NOT NULL,
	"full_json" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "class_rosters" ADD CONSTRAINT "class_rosters_class_id_classes_id_fk" FOREIGN KEY ("class_id") REFERENCES "public"."classes"("id") ON DELETE no action ON UPDATE no action;