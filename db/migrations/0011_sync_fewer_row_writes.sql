ALTER TABLE "integration_run_rows" DROP CONSTRAINT "integration_run_rows_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "integration_sync_state" DROP CONSTRAINT "integration_sync_state_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "integration_sync_state" DROP CONSTRAINT "integration_sync_state_last_run_id_integration_runs_id_fk";
--> statement-breakpoint
DROP INDEX "integration_run_rows_outcome_idx";--> statement-breakpoint
CREATE INDEX "integration_run_rows_problems_idx" ON "integration_run_rows" USING btree ("run_id","key") WHERE "integration_run_rows"."outcome" in ('rejected', 'no_match');