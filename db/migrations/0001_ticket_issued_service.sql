DROP INDEX `tickets_number`;--> statement-breakpoint
ALTER TABLE `tickets` ADD `issued_service_id` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `tickets` SET `issued_service_id` = coalesce(`origin_service_id`, `service_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number` ON `tickets` (`issued_service_id`,`business_day`,`seq`);