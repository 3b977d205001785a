ALTER TABLE "stage_results" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "error_stage_id" text;