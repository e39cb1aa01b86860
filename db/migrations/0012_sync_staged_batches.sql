CREATE TABLE "integration_run_batches" (
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"row_count" integer NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"payload" text NOT NULL,
	CONSTRAINT "integration_run_batches_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
ALTER TABLE "integration_run_matches" DROP CONSTRAINT "integration_run_matches_run_id_key_record_id_pk";--> statement-breakpoint
ALTER TABLE "integration_run_batches" ADD CONSTRAINT "integration_run_batches_run_id_integration_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."integration_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_run_matches_run_key_idx" ON "integration_run_matches" USING btree ("run_id","key");--> statement-breakpoint
-- Written by hand (drizzle-kit has no UNLOGGED): the matches live for one attempt only, so they need no WAL.
ALTER TABLE "integration_run_matches" SET UNLOGGED;
