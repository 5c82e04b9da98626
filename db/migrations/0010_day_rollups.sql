CREATE TABLE `day_rollups` (
	`branch_id` text NOT NULL,
	`day` text NOT NULL,
	`family` text NOT NULL,
	`key` text NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`branch_id`, `day`, `family`, `key`)
);
