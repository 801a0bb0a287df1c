PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`timepoint` text NOT NULL,
	`assessed_on` text NOT NULL,
	`nprs_back` integer,
	`nprs_leg` integer,
	`odi` real,
	`odi_sections` text,
	`walking_minutes` real,
	`standing_minutes` real,
	`relief_onset_date` text,
	`out_of_window` integer DEFAULT false NOT NULL,
	`out_of_window_reason` text,
	`external_id` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessments_timepoint_check" CHECK(timepoint IN ('baseline', 'day_1_3', 'week_2', 'week_6', 'month_3', 'month_6', 'month_12', 'month_24', 'unscheduled')),
	CONSTRAINT "assessments_date_check" CHECK(assessed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "assessments_nprs_back_check" CHECK(nprs_back IS NULL OR (nprs_back BETWEEN 0 AND 10)),
	CONSTRAINT "assessments_nprs_leg_check" CHECK(nprs_leg IS NULL OR (nprs_leg BETWEEN 0 AND 10)),
	CONSTRAINT "assessments_odi_check" CHECK(odi IS NULL OR (odi BETWEEN 0 AND 100)),
	CONSTRAINT "assessments_walking_check" CHECK(walking_minutes IS NULL OR (walking_minutes BETWEEN 0 AND 1440)),
	CONSTRAINT "assessments_standing_check" CHECK(standing_minutes IS NULL OR (standing_minutes BETWEEN 0 AND 1440)),
	CONSTRAINT "assessments_relief_date_check" CHECK(relief_onset_date IS NULL OR relief_onset_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "assessments_has_score_check" CHECK(coalesce(nprs_back, nprs_leg, odi, walking_minutes, standing_minutes) IS NOT NULL),
	CONSTRAINT "assessments_out_of_window_check" CHECK((out_of_window = 0 AND out_of_window_reason IS NULL) OR (NOT (out_of_window = 0) AND length(trim(out_of_window_reason)) > 0))
);
--> statement-breakpoint
INSERT INTO `__new_assessments`("id", "procedure_id", "timepoint", "assessed_on", "nprs_back", "nprs_leg", "odi", "odi_sections", "walking_minutes", "standing_minutes", "relief_onset_date", "external_id", "created_by", "created_at", "updated_at") SELECT "id", "procedure_id", "timepoint", "assessed_on", "nprs_back", "nprs_leg", "odi", "odi_sections", "walking_minutes", "standing_minutes", "relief_onset_date", "external_id", "created_by", "created_at", "updated_at" FROM `assessments`;--> statement-breakpoint
DROP TABLE `assessments`;--> statement-breakpoint
ALTER TABLE `__new_assessments` RENAME TO `assessments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_external_id_unique` ON `assessments` (`external_id`);--> statement-breakpoint
CREATE INDEX `assessments_procedure_idx` ON `assessments` (`procedure_id`,`timepoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_procedure_timepoint_unique` ON `assessments` (`procedure_id`,`timepoint`) WHERE timepoint <> 'unscheduled';--> statement-breakpoint
ALTER TABLE `sites` ADD `time_zone` text;