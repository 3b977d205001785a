CREATE TABLE "grading_workers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "worker_id" uuid;--> statement-breakpoint
CREATE INDEX "submissions_running_worker_idx" ON "submissions" USING btree ("worker_id") WHERE "submissions"."status" = 'running';