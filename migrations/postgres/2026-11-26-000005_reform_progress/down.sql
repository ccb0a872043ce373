DROP TABLE reform_events;
DROP TABLE report_evidence;
DROP TABLE report_reviews;
DROP TABLE progress_reports;
DROP TABLE assignment_milestones;
ALTER TABLE task_assignments DROP COLUMN version;
