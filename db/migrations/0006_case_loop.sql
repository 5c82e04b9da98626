CREATE TABLE `appraisal_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_id` text NOT NULL,
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`observation` text NOT NULL,
	`evidence` text,
	`points` integer NOT NULL,
	`author_id` text NOT NULL,
	`at` integer NOT NULL,
	`answer` text,
	`answer_at` integer,
	`appeal` integer DEFAULT false NOT NULL,
	`appeal_status` text,
	`decision` text,
	`decided_by` text,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `appraisal_entries_user` ON `appraisal_entries` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `appraisal_entries_branch` ON `appraisal_entries` (`branch_id`,`day`);--> statement-breakpoint
CREATE TABLE `case_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	`by` text NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `case_steps_case` ON `case_steps` (`case_id`,`id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `channel` text DEFAULT 'pad' NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `category` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `summary_zh` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `citizen_text` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `service_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `counter_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `clerk_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `contact_masked` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `origin_hash` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `opened_day` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `callback_day` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `resolution_day` text;--> statement-breakpoint
CREATE INDEX `cases_branch_opened` ON `cases` (`branch_id`,`opened_at`);--> statement-breakpoint
CREATE INDEX `cases_ticket` ON `cases` (`ticket_id`);--> statement-breakpoint
ALTER TABLE `ratings` ADD `dimensions` text;--> statement-breakpoint
ALTER TABLE `ratings` ADD `reasons` text;--> statement-breakpoint
ALTER TABLE `ratings` ADD `text` text;--> statement-breakpoint
ALTER TABLE `ratings` ADD `comment` text;--> statement-breakpoint
ALTER TABLE `ratings` ADD `comment_at` integer;--> statement-breakpoint
CREATE INDEX `ratings_branch_at` ON `ratings` (`branch_id`,`at`);