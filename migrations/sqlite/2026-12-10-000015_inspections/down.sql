DROP TABLE evaluation_results;
DROP TABLE evaluation_months;
DROP TABLE rechecks;
DROP TABLE rectifications;
DROP TABLE inspections;
DROP TABLE inspection_items;
