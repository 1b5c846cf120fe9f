-- saas-stack durable delivery, PostgreSQL. The prefix saas_ is replaced by saas.delivery.jdbc.table-prefix.
-- Deliveries that failed for good, kept for saas.delivery.retention.
CREATE TABLE IF NOT EXISTS saas_delivery_failed (
  task_name VARCHAR(100) NOT NULL,
  task_instance VARCHAR(100) NOT NULL,
  payload TEXT NOT NULL,
  attempts INT NOT NULL,
  last_error VARCHAR(1000) NOT NULL,
  failed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS saas_delivery_failed_at_idx ON saas_delivery_failed (failed_at);

-- Webhook message ids received, kept for saas.webhooks.replay-window.
CREATE TABLE IF NOT EXISTS saas_webhook_receipts (
  provider VARCHAR(50) NOT NULL,
  message_id VARCHAR(255) NOT NULL,
  received_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (provider, message_id)
);
CREATE INDEX IF NOT EXISTS saas_webhook_receipts_at_idx ON saas_webhook_receipts (received_at);

-- Bucket4j buckets of the rate limits shared by every instance (one row per provider).
CREATE TABLE IF NOT EXISTS saas_rate_limit_buckets (
  id VARCHAR(100) PRIMARY KEY,
  state BYTEA
);
