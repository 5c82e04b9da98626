CREATE TABLE `day_rollups` (
	`branch_id` text NOT NULL,
	`day` text NOT NULL,
	`family` text NOT NULL,
	`key` text NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`branch_id`, `day`, `family`, `key`)
);
--> statement-breakpoint
DROP INDEX `events_actor`;--> statement-breakpoint
ALTER TABLE `events` ADD `ip` text;--> statement-breakpoint
CREATE INDEX `events_finished_by` ON `events` (`actor_id`,`at`) WHERE type = 'ticket.finished';--> statement-breakpoint
CREATE INDEX `events_no_show_by` ON `events` (`actor_id`,`at`) WHERE type = 'ticket.no_show';--> statement-breakpoint
DROP INDEX `tickets_idempotency`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `not_rated_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_idempotency` ON `tickets` (`branch_id`,`idempotency_key`) WHERE idempotency_key is not null;