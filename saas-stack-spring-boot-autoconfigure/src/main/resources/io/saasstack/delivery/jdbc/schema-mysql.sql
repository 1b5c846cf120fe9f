-- saas-stack durable delivery, MySQL 8. The prefix saas_ is replaced by saas.delivery.jdbc.table-prefix.
-- Deliveries that failed for good, kept for saas.delivery.retention.
CREATE TABLE IF NOT EXISTS saas_delivery_failed (
  task_name VARCHAR(100) NOT NULL,
  task_instance VARCHAR(100) NOT NULL,
  payload LONGTEXT NOT NULL,
  attempts INT NOT NULL,
  last_error VARCHAR(1000) NOT NULL,
  failed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (task_name, task_instance),
  INDEX saas_delivery_failed_at_idx (failed_at)
);

-- Webhook message ids received, kept for saas.webhooks.replay-window.
CREATE TABLE IF NOT EXISTS saas_webhook_receipts (
  provider VARCHAR(50) NOT NULL,
  message_id VARCHAR(255) NOT NULL,
  received_at DATETIME(6) NOT NULL,
  PRIMARY KEY (provider, message_id),
  INDEX saas_webhook_receipts_at_idx (received_at)
);

-- Bucket4j buckets of the rate limits shared by every instance (one row per provider).
CREATE TABLE IF NOT EXISTS saas_rate_limit_buckets (
  id VARCHAR(100) PRIMARY KEY,
  state BLOB
);
