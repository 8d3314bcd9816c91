ALTER TABLE "communes" ADD COLUMN "former_districts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "data_elements" ADD COLUMN "max_value" numeric;--> statement-breakpoint
ALTER TABLE "data_elements" ADD COLUMN "max_per_head" numeric;