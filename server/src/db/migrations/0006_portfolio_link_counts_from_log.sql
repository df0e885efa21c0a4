ALTER TABLE "portfolio_links" DROP COLUMN "view_count";--> statement-breakpoint
ALTER TABLE "portfolio_links" DROP COLUMN "last_viewed_at";