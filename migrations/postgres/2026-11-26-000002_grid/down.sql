DROP TABLE grid_meetings;
DROP TABLE grid_duties;
DROP TABLE residencies;
DROP TABLE grid_posts;
DROP TABLE grid_nodes;
DROP INDEX users_student_no_idx;
ALTER TABLE users DROP COLUMN gender;
ALTER TABLE users DROP COLUMN student_no;
