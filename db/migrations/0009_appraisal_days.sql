CREATE TABLE `appraisal_days` (
	`user_id` text NOT NULL,
	`day` text NOT NULL,
	`branch_id` text NOT NULL,
	`record` text NOT NULL,
	`produced_at` integer NOT NULL,
	`revised_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appraisal_days_user_day` ON `appraisal_days` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `appraisal_days_branch` ON `appraisal_days` (`branch_id`,`day`);