DROP TABLE party_points;
DROP FUNCTION party_points_append_only();
DROP TABLE party_rules;
DROP TABLE party_duty_rooms;
DROP TABLE party_members;
DROP TABLE party_branches;
