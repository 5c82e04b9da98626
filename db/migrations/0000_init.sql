CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`kind` text NOT NULL,
	`ticket_id` text,
	`rating_id` text,
	`status` text NOT NULL,
	`summary` text NOT NULL,
	`assignee_id` text,
	`answer` text,
	`opened_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`branch_id`,`status`);--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`branch_id` text NOT NULL,
	`service_id` text NOT NULL,
	`counter_id` text,
	`clerk_id` text,
	`score` integer,
	`reason` text,
	`source` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_ticket` ON `ratings` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `ratings_clerk` ON `ratings` (`clerk_id`,`at`);--> statement-breakpoint
CREATE TABLE `branches` (
	`id` text PRIMARY KEY NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`timezone` text NOT NULL,
	`settings` text NOT NULL,
	`current_day` text,
	`notice_zh` text,
	`notice_en` text,
	`emergency` text
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`number` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`profile` text NOT NULL,
	`state` text DEFAULT 'closed' NOT NULL,
	`pause_reason` text,
	`current_ticket_id` text,
	`clerk_id` text,
	`state_since` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counters_branch_number` ON `counters` (`branch_id`,`number`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`prefix` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`daily_cap` integer,
	`per_person_daily_limit` integer,
	`target_wait_minutes` integer NOT NULL,
	`default_service_minutes` real NOT NULL,
	`suspended` integer DEFAULT false NOT NULL,
	`suspended_reason` text,
	`allow_priority` integer DEFAULT true NOT NULL,
	`requires_person_id` integer DEFAULT false NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_branch_prefix` ON `services` (`branch_id`,`prefix`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`detail` text,
	`ip` text
);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`branch_id` text NOT NULL,
	`counter_id` text,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`config` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_token` ON `devices` (`token_hash`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`counter_id` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`staff_number` text,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`branch_id` text,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_staff_number` ON `users` (`staff_number`);--> statement-breakpoint
CREATE TABLE `daily_sequences` (
	`service_id` text NOT NULL,
	`business_day` text NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`service_id`, `business_day`)
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`branch_id` text NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`counter_id` text,
	`ticket_id` text,
	`reason` text,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_ticket` ON `events` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `events_branch_at` ON `events` (`branch_id`,`at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`service_id` text NOT NULL,
	`business_day` text NOT NULL,
	`seq` integer NOT NULL,
	`code` text NOT NULL,
	`ticket_class` text NOT NULL,
	`status` text NOT NULL,
	`rank` real NOT NULL,
	`issued_at` integer NOT NULL,
	`queued_at` integer NOT NULL,
	`called_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`counter_id` text,
	`target_counter_id` text,
	`call_count` integer DEFAULT 0 NOT NULL,
	`call_rule` text,
	`call_rule_detail` text,
	`outcome` text,
	`estimated_wait_at_issue` real,
	`locale` text NOT NULL,
	`track_key` text NOT NULL,
	`person_hash` text,
	`person_masked` text,
	`origin_service_id` text,
	`idempotency_key` text,
	`issued_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_number` ON `tickets` (`service_id`,`business_day`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_idempotency` ON `tickets` (`branch_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `tickets_active` ON `tickets` (`branch_id`,`status`) WHERE status in ('waiting','called','serving','parked');--> statement-breakpoint
CREATE INDEX `tickets_day` ON `tickets` (`branch_id`,`business_day`);