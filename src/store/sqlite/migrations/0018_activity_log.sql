-- The coordinators' activity log (活動記録). Reserved; filled by the activity-log change.
SELECT 1;
