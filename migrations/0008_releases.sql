CREATE TABLE "releases" (
	"id" serial PRIMARY KEY NOT NULL,
	"period_id" integer NOT NULL,
	"version" integer NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL,
	"note" text,
	"hash" text NOT NULL,
	"content" text NOT NULL,
	"changes" text NOT NULL,
	CONSTRAINT "releases_period_version" UNIQUE("period_id","version"),
	CONSTRAINT "releases_version_check" CHECK ("releases"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;