CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text NOT NULL,
	`created_at` text NOT NULL,
	`read_at` text,
	`outbox_message_id` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "alerts_kind_check" CHECK(kind IN ('serious_complication', 'cusum_signal', 'review_overdue')),
	CONSTRAINT "alerts_link_check" CHECK(link LIKE '/%')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_user_event_unique` ON `alerts` (`user_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `alerts_user_unread_idx` ON `alerts` (`user_id`,`read_at`);