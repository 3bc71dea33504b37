-- The dashboard reads every group's newest ended drill and newest pass (DrillStore.LatestPerGroupAsync), and the
-- drill history filters by group: both walk a group's drills newest first.
CREATE INDEX drills_by_group ON drills.drills (group_id, requested_at DESC);
