CREATE TYPE "public"."progress_source" AS ENUM('user', 'import', 'reset', 'rename', 'archive', 'grader');--> statement-breakpoint
CREATE TYPE "public"."progress_status" AS ENUM('todo', 'learning', 'done', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."prerequisite_kind" AS ENUM('topic', 'choice');--> statement-breakpoint
CREATE TYPE "public"."topic_kind" AS ENUM('core', 'alternative', 'optional');--> statement-breakpoint
CREATE TABLE "progress_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "progress_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"topic_id" text NOT NULL,
	"from_status" "progress_status" NOT NULL,
	"to_status" "progress_status" NOT NULL,
	"source" "progress_source" NOT NULL,
	"previous_topic_id" text,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_progress" (
	"user_id" uuid NOT NULL,
	"topic_id" text NOT NULL,
	"status" "progress_status" DEFAULT 'todo' NOT NULL,
	"note" text,
	"updated_at" timestamp (3) with time zone,
	"verified_at" timestamp (3) with time zone,
	"archived_at" timestamp (3) with time zone,
	CONSTRAINT "topic_progress_user_id_topic_id_pk" PRIMARY KEY("user_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "content_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"roadmap_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"layout_hash" text NOT NULL,
	"topics_added" integer NOT NULL,
	"topics_updated" integer NOT NULL,
	"topics_archived" integer NOT NULL,
	"topics_moved" integer NOT NULL,
	"synced_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_choices" (
	"roadmap_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"stage_id" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	CONSTRAINT "roadmap_choices_roadmap_id_id_pk" PRIMARY KEY("roadmap_id","id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_pages" (
	"roadmap_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_html" text NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "roadmap_pages_roadmap_id_id_pk" PRIMARY KEY("roadmap_id","id")
);
--> statement-breakpoint
CREATE TABLE "roadmap_stages" (
	"roadmap_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"required_hours" integer NOT NULL,
	"optional_hours" integer NOT NULL,
	CONSTRAINT "roadmap_stages_roadmap_id_id_pk" PRIMARY KEY("roadmap_id","id")
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"content_hash" text NOT NULL,
	"layout_hash" text NOT NULL,
	"layout" jsonb NOT NULL,
	"moved" jsonb NOT NULL,
	"synced_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "topic_edges" (
	"topic_id" text NOT NULL,
	"prerequisite_kind" "prerequisite_kind" NOT NULL,
	"prerequisite_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "topic_edges_topic_id_prerequisite_kind_prerequisite_id_pk" PRIMARY KEY("topic_id","prerequisite_kind","prerequisite_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" text PRIMARY KEY NOT NULL,
	"roadmap_id" text NOT NULL,
	"stage_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" "topic_kind" NOT NULL,
	"choice_id" text,
	"title" text NOT NULL,
	"hours" integer NOT NULL,
	"summary" text NOT NULL,
	"body_markdown" text NOT NULL,
	"body_html" text NOT NULL,
	"subtopics" jsonb NOT NULL,
	"resources" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"layout_x" integer NOT NULL,
	"layout_y" integer NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp (3) with time zone,
	"moved_to" text
);
--> statement-breakpoint
ALTER TABLE "progress_events" ADD CONSTRAINT "progress_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_progress" ADD CONSTRAINT "topic_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_progress" ADD CONSTRAINT "topic_progress_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_versions" ADD CONSTRAINT "content_versions_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_choices" ADD CONSTRAINT "roadmap_choices_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_pages" ADD CONSTRAINT "roadmap_pages_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_stages" ADD CONSTRAINT "roadmap_stages_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_edges" ADD CONSTRAINT "topic_edges_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_events_user_at_idx" ON "progress_events" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "topic_progress_topic_idx" ON "topic_progress" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "content_versions_roadmap_idx" ON "content_versions" USING btree ("roadmap_id","synced_at");--> statement-breakpoint
CREATE INDEX "topics_roadmap_position_idx" ON "topics" USING btree ("roadmap_id","position");