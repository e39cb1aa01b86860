CREATE TABLE "connector_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"connector_id" uuid NOT NULL,
	"name" text NOT NULL,
	"method" text DEFAULT 'POST' NOT NULL,
	"url" text NOT NULL,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payload_template" text DEFAULT '{ }' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"base_url" text,
	"auth_type" text NOT NULL,
	"auth_username" text,
	"auth_header_name" text,
	"secret_sealed" text,
	"secret_hint" text,
	"calls_per_minute" integer DEFAULT 60 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_triggers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"action_kind" text NOT NULL,
	"integration_id" uuid,
	"event_mapping" jsonb,
	"last_capture" jsonb,
	"last_capture_at" timestamp with time zone,
	"last_event_id" text,
	"last_run_id" uuid,
	"call_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "action_id" uuid;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "send_unchanged" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "connector_actions" ADD CONSTRAINT "connector_actions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_actions" ADD CONSTRAINT "connector_actions_connector_id_connectors_id_fk" FOREIGN KEY ("connector_id") REFERENCES "public"."connectors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_actions" ADD CONSTRAINT "connector_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connectors" ADD CONSTRAINT "connectors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_triggers" ADD CONSTRAINT "inbound_triggers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_triggers" ADD CONSTRAINT "inbound_triggers_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_triggers" ADD CONSTRAINT "inbound_triggers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connector_actions_connector_idx" ON "connector_actions" USING btree ("connector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connector_actions_workspace_name_unique" ON "connector_actions" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "connectors_workspace_idx" ON "connectors" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_workspace_name_unique" ON "connectors" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "connectors_one_qualtrics" ON "connectors" USING btree ("workspace_id") WHERE kind = 'qualtrics';--> statement-breakpoint
CREATE INDEX "inbound_triggers_workspace_idx" ON "inbound_triggers" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_triggers_workspace_name_unique" ON "inbound_triggers" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_action_id_connector_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."connector_actions"("id") ON DELETE set null ON UPDATE no action;