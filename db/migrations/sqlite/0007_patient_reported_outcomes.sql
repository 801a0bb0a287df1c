CREATE TABLE `diary_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`day` integer NOT NULL,
	`nprs_back` integer,
	`nprs_leg` integer,
	`pgic` integer,
	`invitation_id` integer,
	`submitted_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "diary_entries_day_check" CHECK(day BETWEEN 1 AND 14),
	CONSTRAINT "diary_entries_back_check" CHECK(nprs_back IS NULL OR (nprs_back BETWEEN 0 AND 10)),
	CONSTRAINT "diary_entries_leg_check" CHECK(nprs_leg IS NULL OR (nprs_leg BETWEEN 0 AND 10)),
	CONSTRAINT "diary_entries_pgic_check" CHECK(pgic IS NULL OR (pgic BETWEEN 1 AND 7)),
	CONSTRAINT "diary_entries_has_answer_check" CHECK(coalesce(nprs_back, nprs_leg, pgic) IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `diary_entries_procedure_day_unique` ON `diary_entries` (`procedure_id`,`day`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`day` integer,
	`timepoint` text,
	`key` text NOT NULL,
	`token_hash` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`status_reason` text,
	`planned_at` text NOT NULL,
	`sent_at` text,
	`opened_at` text,
	`completed_at` text,
	`expires_at` text NOT NULL,
	`reminder_count` integer DEFAULT 0 NOT NULL,
	`outbox_message_ids` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "invitations_kind_check" CHECK(kind IN ('diary', 'follow_up')),
	CONSTRAINT "invitations_status_check" CHECK(status IN ('planned', 'sent', 'opened', 'completed', 'expired', 'failed')),
	CONSTRAINT "invitations_day_check" CHECK((kind = 'diary' AND day BETWEEN 1 AND 14 AND timepoint IS NULL) OR (kind = 'follow_up' AND day IS NULL AND timepoint IS NOT NULL)),
	CONSTRAINT "invitations_reminders_check" CHECK(reminder_count >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_procedure_key_unique` ON `invitations` (`procedure_id`,`key`);--> statement-breakpoint
CREATE INDEX `invitations_status_idx` ON `invitations` (`status`);--> statement-breakpoint
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
	`pgic` integer,
	`source` text DEFAULT 'clinic' NOT NULL,
	`patient_original` text,
	`correction_reason` text,
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
	CONSTRAINT "assessments_source_check" CHECK(source IN ('clinic', 'patient')),
	CONSTRAINT "assessments_pgic_check" CHECK(pgic IS NULL OR (pgic BETWEEN 1 AND 7)),
	CONSTRAINT "assessments_relief_date_check" CHECK(relief_onset_date IS NULL OR relief_onset_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "assessments_has_score_check" CHECK(coalesce(nprs_back, nprs_leg, odi, walking_minutes, standing_minutes, pgic) IS NOT NULL),
	CONSTRAINT "assessments_out_of_window_check" CHECK((out_of_window = 0 AND out_of_window_reason IS NULL) OR (NOT (out_of_window = 0) AND length(trim(out_of_window_reason)) > 0))
);
--> statement-breakpoint
INSERT INTO `__new_assessments`("id", "procedure_id", "timepoint", "assessed_on", "nprs_back", "nprs_leg", "odi", "odi_sections", "walking_minutes", "standing_minutes", "relief_onset_date", "out_of_window", "out_of_window_reason", "external_id", "created_by", "created_at", "updated_at") SELECT "id", "procedure_id", "timepoint", "assessed_on", "nprs_back", "nprs_leg", "odi", "odi_sections", "walking_minutes", "standing_minutes", "relief_onset_date", "out_of_window", "out_of_window_reason", "external_id", "created_by", "created_at", "updated_at" FROM `assessments`;--> statement-breakpoint
DROP TABLE `assessments`;--> statement-breakpoint
ALTER TABLE `__new_assessments` RENAME TO `assessments`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_external_id_unique` ON `assessments` (`external_id`);--> statement-breakpoint
CREATE INDEX `assessments_procedure_idx` ON `assessments` (`procedure_id`,`timepoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_procedure_timepoint_unique` ON `assessments` (`procedure_id`,`timepoint`) WHERE timepoint <> 'unscheduled';--> statement-breakpoint
CREATE TABLE `__new_patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`mrn` text NOT NULL,
	`name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`sex` text NOT NULL,
	`diagnosis` text NOT NULL,
	`primary_physician_id` integer,
	`scoliosis_kyphosis` integer DEFAULT false NOT NULL,
	`previous_spinal_fracture` integer DEFAULT false NOT NULL,
	`previous_spinal_surgery` integer DEFAULT false NOT NULL,
	`medication_allergies` integer DEFAULT false NOT NULL,
	`diabetes` integer DEFAULT false NOT NULL,
	`cardiovascular_disease` integer DEFAULT false NOT NULL,
	`smoking` integer DEFAULT false NOT NULL,
	`heavy_drinking` integer DEFAULT false NOT NULL,
	`external_id` text,
	`email` text,
	`mobile` text,
	`preferred_channel` text DEFAULT 'email' NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`contact_consent_at` text,
	`contact_consent_by` integer,
	`contact_consent_version` text,
	`opted_out_at` text,
	`opt_out_method` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`primary_physician_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_consent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patients_channel_check" CHECK(preferred_channel IN ('email', 'letter')),
	CONSTRAINT "patients_opt_out_method_check" CHECK(opt_out_method IS NULL OR opt_out_method IN ('link', 'staff')),
	CONSTRAINT "patients_consent_check" CHECK(contact_consent_at IS NULL OR contact_consent_version IS NOT NULL),
	CONSTRAINT "patients_sex_check" CHECK(sex IN ('female', 'male', 'other', 'unknown')),
	CONSTRAINT "patients_diagnosis_check" CHECK(diagnosis IN ('stenosis', 'herniated_disc', 'other')),
	CONSTRAINT "patients_dob_check" CHECK(date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "patients_mrn_check" CHECK(length(trim(mrn)) > 0)
);
--> statement-breakpoint
INSERT INTO `__new_patients`("id", "site_id", "mrn", "name", "date_of_birth", "sex", "diagnosis", "primary_physician_id", "scoliosis_kyphosis", "previous_spinal_fracture", "previous_spinal_surgery", "medication_allergies", "diabetes", "cardiovascular_disease", "smoking", "heavy_drinking", "external_id", "created_at", "updated_at") SELECT "id", "site_id", "mrn", "name", "date_of_birth", "sex", "diagnosis", "primary_physician_id", "scoliosis_kyphosis", "previous_spinal_fracture", "previous_spinal_surgery", "medication_allergies", "diabetes", "cardiovascular_disease", "smoking", "heavy_drinking", "external_id", "created_at", "updated_at" FROM `patients`;--> statement-breakpoint
DROP TABLE `patients`;--> statement-breakpoint
ALTER TABLE `__new_patients` RENAME TO `patients`;--> statement-breakpoint
CREATE UNIQUE INDEX `patients_external_id_unique` ON `patients` (`external_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `patients_site_mrn_unique` ON `patients` (`site_id`,`mrn`);--> statement-breakpoint
CREATE INDEX `patients_primary_physician_idx` ON `patients` (`primary_physician_id`);