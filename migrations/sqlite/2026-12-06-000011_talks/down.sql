ALTER TABLE follow_ups DROP COLUMN talk_id;
DROP TABLE talk_applications;
DROP TABLE talk_hosts;
DROP TABLE talks;
