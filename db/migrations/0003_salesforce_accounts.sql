CREATE TABLE "salesforce_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"org_id" text NOT NULL,
	"org_name" text NOT NULL,
	"sf_user_id" text NOT NULL,
	"username" text NOT NULL,
	"login_url" text NOT NULL,
	"instance_url" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"access_token_sealed" text NOT NULL,
	"refresh_token_sealed" text NOT NULL,
	"status" text DEFAULT 'connected' NOT NULL,
	"status_message" text,
	"connected_by" uuid,
	"connected_by_email" text,
	"connected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "salesforce_oauth_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_hash" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"environment" text NOT NULL,
	"login_url" text NOT NULL,
	"code_verifier_sealed" text NOT NULL,
	"reconnect_account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "salesforce_accounts" ADD CONSTRAINT "salesforce_accounts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salesforce_accounts" ADD CONSTRAINT "salesforce_accounts_connected_by_users_id_fk" FOREIGN KEY ("connected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salesforce_oauth_attempts" ADD CONSTRAINT "salesforce_oauth_attempts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salesforce_oauth_attempts" ADD CONSTRAINT "salesforce_oauth_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "salesforce_accounts_org_user_unique" ON "salesforce_accounts" USING btree ("workspace_id","org_id","sf_user_id");--> statement-breakpoint
CREATE INDEX "salesforce_accounts_workspace_idx" ON "salesforce_accounts" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "salesforce_oauth_attempts_state_unique" ON "salesforce_oauth_attempts" USING btree ("state_hash");