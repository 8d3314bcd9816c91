CREATE TABLE "commune_contacts" (
	"commune_id" integer PRIMARY KEY NOT NULL,
	"ubnd_email" text,
	"ubnd_phone" text,
	"officer_name" text,
	"officer_email" text,
	"officer_phone" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" text NOT NULL,
	"error" text,
	"instance" text NOT NULL,
	CONSTRAINT "reminder_attempts_result_check" CHECK ("reminder_attempts"."result" in ('sent', 'failed', 'gave_up', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "reminder_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"commune_id" integer NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"recipients" jsonb NOT NULL,
	"comment" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"leased_by" text,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_outbox_key" UNIQUE("period_id","commune_id","kind","day"),
	CONSTRAINT "reminder_outbox_kind_check" CHECK ("reminder_outbox"."kind" in ('due_soon', 'overdue', 'returned', 'manual')),
	CONSTRAINT "reminder_outbox_status_check" CHECK ("reminder_outbox"."status" in ('pending', 'sending', 'sent', 'failed', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "commune_contacts" ADD CONSTRAINT "commune_contacts_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_attempts" ADD CONSTRAINT "reminder_attempts_outbox_id_reminder_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."reminder_outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_outbox" ADD CONSTRAINT "reminder_outbox_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reminder_attempts_outbox_idx" ON "reminder_attempts" USING btree ("outbox_id");--> statement-breakpoint
CREATE INDEX "reminder_outbox_due_idx" ON "reminder_outbox" USING btree ("status","next_attempt_at");