-- Placeholder on the alerts branch only: 0011 belongs to the scheduling engine (sched-engine branch), whose
-- 0011_triggers.sql replaces this file at merge. It exists so that 0012_alerts applies here without a gap.
SELECT 1;
