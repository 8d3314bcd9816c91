CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"former_district" text NOT NULL,
	"former_province" text NOT NULL,
	"area_km2" numeric(10, 2),
	"population" integer,
	"population_basis" text,
	"merged_from" text,
	"villages" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "communes_code_unique" UNIQUE("code"),
	CONSTRAINT "communes_type_check" CHECK ("communes"."type" in ('xã', 'phường', 'đặc khu'))
);
--> statement-breakpoint
CREATE TABLE "data_elements" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"group_code" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "data_elements_code_unique" UNIQUE("code"),
	CONSTRAINT "data_elements_unit_check" CHECK ("data_elements"."unit" in ('count', 'percent', 'vnd', 'boolean', 'per_1000'))
);
--> statement-breakpoint
CREATE TABLE "data_values" (
	"period_id" integer NOT NULL,
	"element_id" integer NOT NULL,
	"commune_id" integer NOT NULL,
	"value" numeric NOT NULL,
	"approximate" boolean DEFAULT false NOT NULL,
	"as_of" date,
	"source" text NOT NULL,
	"note" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_values_period_id_element_id_commune_id_pk" PRIMARY KEY("period_id","element_id","commune_id")
);
--> statement-breakpoint
CREATE TABLE "element_groups" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit" text NOT NULL,
	"numerator_element_id" integer NOT NULL,
	"denominator_element_id" integer,
	"denominator_population" boolean DEFAULT false NOT NULL,
	"factor" numeric DEFAULT '1' NOT NULL,
	"direction" text NOT NULL,
	"target" numeric,
	"min_denominator" numeric DEFAULT '0' NOT NULL,
	"weight" numeric DEFAULT '0' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code"),
	CONSTRAINT "indicators_kind_check" CHECK ("indicators"."kind" in ('element', 'rate')),
	CONSTRAINT "indicators_direction_check" CHECK ("indicators"."direction" in ('higher', 'lower')),
	CONSTRAINT "indicators_rate_has_denominator" CHECK ("indicators"."kind" = 'element' or "indicators"."denominator_element_id" is not null or "indicators"."denominator_population")
);
--> statement-breakpoint
CREATE TABLE "periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"deadline" date,
	"status" text DEFAULT 'open' NOT NULL,
	"data_as_of" date,
	CONSTRAINT "periods_code_unique" UNIQUE("code"),
	CONSTRAINT "periods_kind_check" CHECK ("periods"."kind" in ('month', 'quarter', 'nine_months', 'year')),
	CONSTRAINT "periods_status_check" CHECK ("periods"."status" in ('open', 'closed')),
	CONSTRAINT "periods_dates_check" CHECK ("periods"."start_date" <= "periods"."end_date")
);
--> statement-breakpoint
ALTER TABLE "data_elements" ADD CONSTRAINT "data_elements_group_code_element_groups_code_fk" FOREIGN KEY ("group_code") REFERENCES "public"."element_groups"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_period_id_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_element_id_data_elements_id_fk" FOREIGN KEY ("element_id") REFERENCES "public"."data_elements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_values" ADD CONSTRAINT "data_values_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_numerator_element_id_data_elements_id_fk" FOREIGN KEY ("numerator_element_id") REFERENCES "public"."data_elements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_denominator_element_id_data_elements_id_fk" FOREIGN KEY ("denominator_element_id") REFERENCES "public"."data_elements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_values_commune_idx" ON "data_values" USING btree ("commune_id","period_id");