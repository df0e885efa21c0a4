-- A thread's reply count and last activity are derived from its posts (decision 021): a reply writes no thread row.
DROP INDEX "discussion_threads_board_idx";--> statement-breakpoint
CREATE INDEX "discussion_threads_board_idx" ON "discussion_threads" USING btree ("board_id");--> statement-breakpoint
ALTER TABLE "discussion_threads" DROP COLUMN "reply_count";--> statement-breakpoint
ALTER TABLE "discussion_threads" DROP COLUMN "last_post_at";