CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`subject` text,
	`body_text` text NOT NULL,
	`body_html` text,
	`kind` text NOT NULL,
	`entity` text,
	`entity_id` text,
	`message_id` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`claim_token` text,
	`lease_until` text,
	`last_error` text,
	`provider_message_id` text,
	`provider_response` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	`updated_at` text NOT NULL,
	CONSTRAINT "outbox_messages_channel_check" CHECK(channel IN ('email')),
	CONSTRAINT "outbox_messages_status_check" CHECK(status IN ('queued', 'sending', 'sent', 'failed')),
	CONSTRAINT "outbox_messages_attempts_check" CHECK(attempts >= 0),
	CONSTRAINT "outbox_messages_recipient_check" CHECK(length(trim(recipient)) > 0),
	CONSTRAINT "outbox_messages_sent_check" CHECK(status <> 'sent' OR sent_at IS NOT NULL),
	CONSTRAINT "outbox_messages_sending_check" CHECK(status <> 'sending' OR (claim_token IS NOT NULL AND lease_until IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_messages_message_id_unique` ON `outbox_messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_messages_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_messages_entity_idx` ON `outbox_messages` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `outbox_messages_created_idx` ON `outbox_messages` (`created_at`);