DROP TABLE task_assignments;
DROP TABLE task_parts;
DROP TABLE plan_tasks;
DROP TABLE plan_sections;
DROP TABLE plans;
