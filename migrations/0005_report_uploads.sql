CREATE TABLE "report_uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"commune_id" integer,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"text" text NOT NULL,
	"reading" jsonb NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_uploads_format_check" CHECK ("report_uploads"."format" in ('docx', 'pdf', 'txt'))
);
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_how_check";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "report_id" integer;--> statement-breakpoint
ALTER TABLE "report_uploads" ADD CONSTRAINT "report_uploads_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_uploads" ADD CONSTRAINT "report_uploads_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_uploads_period_commune_idx" ON "report_uploads" USING btree ("period_id","commune_id");--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_report_id_report_uploads_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."report_uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_how_check" CHECK ("audit_log"."how" in ('form', 'import', 'approval', 'reopen', 'submit', 'return', 'seed', 'system', 'round', 'user', 'report'));