CREATE INDEX `events_actor` ON `events` (`actor_id`,`type`,`at`);--> statement-breakpoint
CREATE INDEX `tickets_personal` ON `tickets` (`issued_at`) WHERE person_hash is not null or person_masked is not null;--> statement-breakpoint
CREATE INDEX `tickets_service_finished` ON `tickets` (`service_id`,`status`,`finished_at`);