ALTER TABLE "releases" ADD COLUMN "communes_reported" integer;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "communes_approved" integer;--> statement-breakpoint
-- releases published before this migration: the counts their content froze
UPDATE "releases" SET
  "communes_reported" = ("content"::jsonb #>> '{overview,communesReported}')::int,
  "communes_approved" = ("content"::jsonb #>> '{overview,communesApproved}')::int;
