CREATE TABLE `alert_rules` (
	`branch_id` text PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`service_id` text,
	`counter_id` text,
	`detail` text NOT NULL,
	`raised_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`cleared_at` integer,
	`acknowledged_at` integer,
	`acknowledged_by` text
);
--> statement-breakpoint
CREATE INDEX `alerts_branch_raised` ON `alerts` (`branch_id`,`raised_at`);--> statement-breakpoint
CREATE INDEX `alerts_branch_open` ON `alerts` (`branch_id`,`cleared_at`);