CREATE TABLE `service_targets` (
	`service_id` text NOT NULL,
	`effective_from` integer NOT NULL,
	`target_wait_minutes` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `service_targets_service_from` ON `service_targets` (`service_id`,`effective_from`);--> statement-breakpoint
ALTER TABLE `counters` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `branch_id` text;--> statement-breakpoint
CREATE INDEX `audit_branch_at` ON `audit_log` (`branch_id`,`at`);--> statement-breakpoint
ALTER TABLE `devices` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `devices` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `devices` ADD `pairing_hash` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `pairing_expires_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `devices_pairing` ON `devices` (`pairing_hash`);