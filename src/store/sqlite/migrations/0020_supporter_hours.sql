-- Supporters' activity hours per month. Reserved; filled by the supporter-hours change.
SELECT 1;
