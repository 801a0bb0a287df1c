CREATE TABLE `assessments` (
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
	CONSTRAINT "assessments_has_score_check" CHECK(coalesce(nprs_back, nprs_leg, odi, walking_minutes, standing_minutes) IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_external_id_unique` ON `assessments` (`external_id`);--> statement-breakpoint
CREATE INDEX `assessments_procedure_idx` ON `assessments` (`procedure_id`,`timepoint`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_procedure_timepoint_unique` ON `assessments` (`procedure_id`,`timepoint`) WHERE timepoint <> 'unscheduled';--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` integer,
	`user_email` text,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before_json` text,
	`after_json` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_hash_unique` ON `audit_log` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `complications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`type` text NOT NULL,
	`type_other` text,
	`onset_date` text NOT NULL,
	`serious` integer DEFAULT false NOT NULL,
	`grade` integer NOT NULL,
	`relatedness` text NOT NULL,
	`treatment` text,
	`outcome` text NOT NULL,
	`reported_by` integer,
	`reported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`adjudication_status` text DEFAULT 'pending' NOT NULL,
	`adjudicated_by` integer,
	`adjudicated_at` text,
	`adjudication_note` text,
	`final_grade` integer,
	`final_relatedness` text,
	`external_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adjudicated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complications_type_check" CHECK(type IN ('incision_discomfort', 'temporary_numbness', 'bleeding', 'allergic_reaction', 'spinal_nerve_damage', 'infection', 'dural_tear_csf_leak', 'hematoma', 'new_neurological_deficit', 'readmission', 'reoperation', 'death', 'other')),
	CONSTRAINT "complications_other_check" CHECK(type <> 'other' OR length(trim(coalesce(type_other, ''))) > 0),
	CONSTRAINT "complications_onset_check" CHECK(onset_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "complications_grade_check" CHECK(grade BETWEEN 1 AND 5),
	CONSTRAINT "complications_final_grade_check" CHECK(final_grade IS NULL OR final_grade BETWEEN 1 AND 5),
	CONSTRAINT "complications_relatedness_check" CHECK(relatedness IN ('device', 'procedure', 'anaesthesia', 'unrelated', 'unknown')),
	CONSTRAINT "complications_final_relatedness_check" CHECK(final_relatedness IS NULL OR final_relatedness IN ('device', 'procedure', 'anaesthesia', 'unrelated', 'unknown')),
	CONSTRAINT "complications_outcome_check" CHECK(outcome IN ('resolved', 'ongoing', 'permanent', 'fatal')),
	CONSTRAINT "complications_status_check" CHECK(adjudication_status IN ('pending', 'confirmed', 'rejected', 'needs_info')),
	CONSTRAINT "complications_death_grade_check" CHECK(type <> 'death' OR grade = 5)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complications_external_id_unique` ON `complications` (`external_id`);--> statement-breakpoint
CREATE INDEX `complications_procedure_idx` ON `complications` (`procedure_id`);--> statement-breakpoint
CREATE INDEX `complications_status_idx` ON `complications` (`adjudication_status`);--> statement-breakpoint
CREATE TABLE `patients` (
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
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`primary_physician_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "patients_sex_check" CHECK(sex IN ('female', 'male', 'other', 'unknown')),
	CONSTRAINT "patients_diagnosis_check" CHECK(diagnosis IN ('stenosis', 'herniated_disc', 'other')),
	CONSTRAINT "patients_dob_check" CHECK(date_of_birth GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "patients_mrn_check" CHECK(length(trim(mrn)) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_external_id_unique` ON `patients` (`external_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `patients_site_mrn_unique` ON `patients` (`site_id`,`mrn`);--> statement-breakpoint
CREATE INDEX `patients_primary_physician_idx` ON `patients` (`primary_physician_id`);--> statement-breakpoint
CREATE TABLE `procedures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`physician_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`procedure_date` text NOT NULL,
	`levels` text NOT NULL,
	`side` text NOT NULL,
	`anaesthesia` text NOT NULL,
	`device_lot` text,
	`prior_treatment_type` text,
	`prior_treatment_date` text,
	`prior_treatment_flag` integer DEFAULT false NOT NULL,
	`prior_treatment_acknowledged` integer DEFAULT false NOT NULL,
	`notes` text,
	`external_id` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`physician_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "procedures_date_check" CHECK(procedure_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "procedures_side_check" CHECK(side IN ('bilateral', 'left', 'right')),
	CONSTRAINT "procedures_anaesthesia_check" CHECK(anaesthesia IN ('local', 'local_sedation', 'general')),
	CONSTRAINT "procedures_levels_check" CHECK(levels GLOB 'L[1-5]-[LS][1-5]*'),
	CONSTRAINT "procedures_prior_type_check" CHECK(prior_treatment_type IS NULL OR prior_treatment_type IN ('laminectomy', 'laminotomy', 'fusion', 'interspinous_process_decompression', 'mild')),
	CONSTRAINT "procedures_prior_date_check" CHECK(prior_treatment_date IS NULL OR prior_treatment_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "procedures_prior_flag_check" CHECK(prior_treatment_flag = 0 OR prior_treatment_type IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_external_id_unique` ON `procedures` (`external_id`);--> statement-breakpoint
CREATE INDEX `procedures_physician_date_idx` ON `procedures` (`physician_id`,`procedure_date`);--> statement-breakpoint
CREATE INDEX `procedures_site_date_idx` ON `procedures` (`site_id`,`procedure_date`);--> statement-breakpoint
CREATE INDEX `procedures_date_idx` ON `procedures` (`procedure_date`);--> statement-breakpoint
CREATE INDEX `procedures_patient_idx` ON `procedures` (`patient_id`);--> statement-breakpoint
CREATE TABLE `sign_in_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`email` text NOT NULL,
	`client_address` text,
	`succeeded` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_email_idx` ON `sign_in_attempts` (`email`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_attempts_addr_idx` ON `sign_in_attempts` (`client_address`,`at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_code_unique` ON `sites` (`code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`site_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_check" CHECK(role IN ('physician', 'quality_officer', 'admin')),
	CONSTRAINT "users_email_check" CHECK(email = lower(email) AND email LIKE '%_@_%'),
	CONSTRAINT "users_session_version_check" CHECK(session_version >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);