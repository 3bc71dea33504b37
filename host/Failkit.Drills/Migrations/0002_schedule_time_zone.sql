-- The time zone a group's cron is read in (an IANA id such as Europe/Berlin); NULL keeps the original meaning, UTC.
-- "Every Monday at 02:00" should stay 02:00 local across daylight-saving changes, which a UTC cron cannot say.
ALTER TABLE drills.protection_groups ADD COLUMN schedule_time_zone text;
