DROP TABLE idempotency_keys;
DROP TABLE sla_rules;
DROP TABLE request_attachments;
DROP TABLE request_events;
DROP TABLE service_requests;
