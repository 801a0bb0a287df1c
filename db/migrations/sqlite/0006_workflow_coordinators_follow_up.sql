CREATE TABLE `contact_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`attempted_on` text NOT NULL,
	`channel` text NOT NULL,
	`outcome` text NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_attempts_date_check" CHECK(attempted_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "contact_attempts_channel_check" CHECK(channel IN ('phone', 'email', 'letter', 'text_message', 'in_person')),
	CONSTRAINT "contact_attempts_outcome_check" CHECK(outcome IN ('reached', 'no_answer', 'left_message', 'wrong_number', 'declined'))
);
--> statement-breakpoint
CREATE INDEX `contact_attempts_procedure_idx` ON `contact_attempts` (`procedure_id`,`attempted_on`);--> statement-breakpoint
CREATE TABLE `follow_up_statuses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`status` text NOT NULL,
	`status_date` text NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "follow_up_statuses_status_check" CHECK(status IN ('lost', 'withdrawn', 'deceased')),
	CONSTRAINT "follow_up_statuses_date_check" CHECK(status_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_up_statuses_procedure_id_unique` ON `follow_up_statuses` (`procedure_id`);--> statement-breakpoint
CREATE TABLE `subsequent_surgeries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`procedure_id` integer NOT NULL,
	`surgery_date` text NOT NULL,
	`type` text NOT NULL,
	`levels` text DEFAULT '' NOT NULL,
	`note` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`procedure_id`) REFERENCES `procedures`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subsequent_surgeries_date_check" CHECK(surgery_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
	CONSTRAINT "subsequent_surgeries_type_check" CHECK(type IN ('reoperation_treated_levels', 'laminectomy', 'fusion', 'repeat_mild', 'other')),
	CONSTRAINT "subsequent_surgeries_levels_check" CHECK(levels = '' OR levels GLOB 'L[1-5]-[LS][1-5]*')
);
--> statement-breakpoint
CREATE INDEX `subsequent_surgeries_procedure_idx` ON `subsequent_surgeries` (`procedure_id`,`surgery_date`);--> statement-breakpoint
CREATE TABLE `user_sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_sites_user_site_unique` ON `user_sites` (`user_id`,`site_id`);--> statement-breakpoint
CREATE INDEX `user_sites_site_idx` ON `user_sites` (`site_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_users` (
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
	CONSTRAINT "users_role_check" CHECK(role IN ('physician', 'quality_officer', 'admin', 'coordinator')),
	CONSTRAINT "users_email_check" CHECK(email = lower(email) AND email LIKE '%_@_%'),
	CONSTRAINT "users_session_version_check" CHECK(session_version >= 1)
);
--> statement-breakpoint
INSERT INTO `__new_users`("id", "email", "name", "role", "password_hash", "disabled", "session_version", "site_id", "created_at", "updated_at") SELECT "id", "email", "name", "role", "password_hash", "disabled", "session_version", "site_id", "created_at", "updated_at" FROM `users`;--> statement-breakpoint
DROP TABLE `users`;--> statement-breakpoint
ALTER TABLE `__new_users` RENAME TO `users`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `on_behalf_of_id` integer;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `on_behalf_of_email` text;