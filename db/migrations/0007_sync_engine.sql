CREATE TABLE "integration_run_matches" (
	"run_id" uuid NOT NULL,
	"key" text NOT NULL,
	"record_id" text NOT NULL,
	CONSTRAINT "integration_run_matches_run_id_key_record_id_pk" PRIMARY KEY("run_id","key","record_id")
);
--> statement-breakpoint
CREATE TABLE "integration_run_rows" (
	"run_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"user_id" text NOT NULL,
	"outcome" text NOT NULL,
	"record_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"values" jsonb,
	"values_hash" text,
	"field" text,
	"error_code" text,
	"message" text,
	"fix" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_run_rows_run_id_key_pk" PRIMARY KEY("run_id","key")
);
--> statement-breakpoint
CREATE TABLE "integration_sync_state" (
	"integration_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"values_hash" text NOT NULL,
	"record_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_run_id" uuid,
	"push_count" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_sync_state_integration_id_key_pk" PRIMARY KEY("integration_id","key")
);
--> statement-breakpoint
ALTER TABLE "integration_runs" ADD COLUMN "config" jsonb;--> statement-breakpoint
ALTER TABLE "integration_run_matches" ADD CONSTRAINT "integration_run_matches_run_id_integration_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."integration_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_run_rows" ADD CONSTRAINT "integration_run_rows_run_id_integration_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."integration_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_run_rows" ADD CONSTRAINT "integration_run_rows_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_sync_state" ADD CONSTRAINT "integration_sync_state_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_sync_state" ADD CONSTRAINT "integration_sync_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_sync_state" ADD CONSTRAINT "integration_sync_state_last_run_id_integration_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."integration_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_run_rows_outcome_idx" ON "integration_run_rows" USING btree ("run_id","outcome","key");