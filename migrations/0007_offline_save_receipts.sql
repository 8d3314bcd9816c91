CREATE TABLE "submission_saves" (
	"submission_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"actor" text NOT NULL,
	"result" jsonb NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_saves_submission_id_client_id_pk" PRIMARY KEY("submission_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "submission_saves" ADD CONSTRAINT "submission_saves_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;