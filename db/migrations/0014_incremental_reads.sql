-- Incremental reads: a sync run reads again only the end users changed since the run it builds on (by the
-- transaction that changed them) or whose row is due to change with time (see lib/sync/incremental.ts).
ALTER TABLE "insights_end_users" ADD COLUMN "changed_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_runs" ADD COLUMN "watermark" text;--> statement-breakpoint
ALTER TABLE "integration_runs" ADD COLUMN "basis" text;--> statement-breakpoint
ALTER TABLE "integration_sync_state" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "integration_sync_state" ADD COLUMN "valid_until" timestamp with time zone;