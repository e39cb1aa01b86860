-- Runs no longer stage rows or store their key lookup in the database: rows go from the report to Salesforce a
-- chunk at a time, and a Bulk key lookup is held in memory for the attempt (see docs/decisions.md).
DROP TABLE "integration_run_batches" CASCADE;--> statement-breakpoint
DROP TABLE "integration_run_matches" CASCADE;
