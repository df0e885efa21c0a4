DROP INDEX "discussion_posts_author_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "discussion_posts_opening_idx" ON "discussion_posts" USING btree ("thread_id") WHERE "discussion_posts"."parent_id" is null;--> statement-breakpoint
CREATE INDEX "discussion_posts_author_idx" ON "discussion_posts" USING btree ("author_id","thread_id");