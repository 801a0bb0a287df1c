CREATE TABLE `complication_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`complication_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`complication_id`) REFERENCES `complications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "complication_notes_kind_check" CHECK(kind IN ('question', 'answer', 'decision')),
	CONSTRAINT "complication_notes_body_check" CHECK(length(trim(body)) > 0)
);
--> statement-breakpoint
CREATE INDEX `complication_notes_complication_idx` ON `complication_notes` (`complication_id`,`id`);