DROP TABLE service_account_secrets;
DROP TABLE service_accounts;
DROP INDEX idempotency_keys_created_idx;
