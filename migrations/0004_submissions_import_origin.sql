ALTER TABLE "submissions" ADD COLUMN "first_imported_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "import_id" integer;