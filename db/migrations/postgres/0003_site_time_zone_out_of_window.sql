ALTER TABLE "assessments" ADD COLUMN "out_of_window" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "out_of_window_reason" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_out_of_window_check" CHECK ((NOT out_of_window AND out_of_window_reason IS NULL) OR (NOT (NOT out_of_window) AND length(trim(out_of_window_reason)) > 0));