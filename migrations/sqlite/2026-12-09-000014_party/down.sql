DROP TRIGGER party_points_decided_once;
DROP TRIGGER party_points_no_delete;
DROP TABLE party_points;
DROP TABLE party_rules;
DROP TABLE party_duty_rooms;
DROP TABLE party_members;
DROP TABLE party_branches;
