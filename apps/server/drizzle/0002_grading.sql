CREATE TYPE "public"."submission_mode" AS ENUM('verified', 'self-reported');--> statement-breakpoint
CREATE TYPE "public"."submission_status" AS ENUM('queued', 'running', 'passed', 'failed', 'error', 'cancelled');--> statement-breakpoint
CREATE TABLE "check_results" (
	"submission_id" uuid NOT NULL,
	"stage_id" text NOT NULL,
	"check_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"status" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"outcome" jsonb NOT NULL,
	CONSTRAINT "check_results_submission_id_stage_id_check_id_pk" PRIMARY KEY("submission_id","stage_id","check_id")
);
--> statement-breakpoint
CREATE TABLE "stage_results" (
	"submission_id" uuid NOT NULL,
	"stage_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"difficulty" text NOT NULL,
	"topics" text[] NOT NULL,
	"status" text NOT NULL,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "stage_results_submission_id_stage_id_pk" PRIMARY KEY("submission_id","stage_id")
);
--> statement-breakpoint
CREATE TABLE "submission_events" (
	"submission_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"seq" integer NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "submission_events_submission_id_attempt_seq_pk" PRIMARY KEY("submission_id","attempt","seq")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"project" text NOT NULL,
	"target_url" text NOT NULL,
	"mode" "submission_mode" NOT NULL,
	"status" "submission_status" DEFAULT 'queued' NOT NULL,
	"stage_ids" text[],
	"run_all" boolean DEFAULT false NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"seed" integer,
	"error_kind" text,
	"error_message" text,
	"stages_passed" integer DEFAULT 0 NOT NULL,
	"stages_total" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "check_results" ADD CONSTRAINT "check_results_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_results" ADD CONSTRAINT "stage_results_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_events" ADD CONSTRAINT "submission_events_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submissions_user_created_idx" ON "submissions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "submissions_project_created_idx" ON "submissions" USING btree ("project","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_active_per_user_key" ON "submissions" USING btree ("user_id") WHERE "submissions"."mode" = 'verified' and "submissions"."status" in ('queued', 'running');