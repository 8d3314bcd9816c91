CREATE TABLE "round_ranks" (
	"period_id" integer PRIMARY KEY NOT NULL,
	"figures_version" bigint NOT NULL,
	"definition" text NOT NULL,
	"indicators" text[] NOT NULL,
	"province" double precision[] NOT NULL,
	"values" double precision[] NOT NULL,
	"ranks" integer[] NOT NULL,
	"composite_weights" text NOT NULL,
	"composite_ranks" integer[] NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_versions" (
	"period_id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "round_ranks" ADD CONSTRAINT "round_ranks_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Custom (drizzle's schema has no triggers): every statement that writes data_values moves the
-- version of the rounds it wrote, in its own transaction, whichever code path wrote them (an
-- approval, an import, a round closed, a restore). round_ranks rows made at another version are
-- ignored by readers (services/rankings.ts). Once per statement, not per row: an import of a
-- round writes thousands of rows in one statement. Rounds in id order, so two transactions that
-- write the same rounds take their locks in the same order.
CREATE FUNCTION round_versions_bump() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO round_versions (period_id, version)
      SELECT DISTINCT period_id, 1 FROM new_rows ORDER BY period_id
      ON CONFLICT (period_id) DO UPDATE SET version = round_versions.version + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO round_versions (period_id, version)
      SELECT DISTINCT period_id, 1 FROM old_rows ORDER BY period_id
      ON CONFLICT (period_id) DO UPDATE SET version = round_versions.version + 1;
  ELSE
    INSERT INTO round_versions (period_id, version)
      SELECT period_id, 1 FROM (SELECT period_id FROM new_rows UNION SELECT period_id FROM old_rows) r ORDER BY period_id
      ON CONFLICT (period_id) DO UPDATE SET version = round_versions.version + 1;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER data_values_version_insert AFTER INSERT ON data_values
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION round_versions_bump();
--> statement-breakpoint
CREATE TRIGGER data_values_version_update AFTER UPDATE ON data_values
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION round_versions_bump();
--> statement-breakpoint
CREATE TRIGGER data_values_version_delete AFTER DELETE ON data_values
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION round_versions_bump();
--> statement-breakpoint
-- TRUNCATE has no rows to name: every round moves
CREATE FUNCTION round_versions_bump_all() RETURNS trigger AS $$
BEGIN
  UPDATE round_versions SET version = version + 1;
  DELETE FROM round_ranks;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER data_values_version_truncate AFTER TRUNCATE ON data_values
  FOR EACH STATEMENT EXECUTE FUNCTION round_versions_bump_all();
