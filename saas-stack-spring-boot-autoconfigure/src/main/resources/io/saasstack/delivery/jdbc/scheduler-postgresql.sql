-- db-scheduler's table (its published PostgreSQL DDL), when saas-stack starts the scheduler.
CREATE TABLE IF NOT EXISTS saas_scheduled_tasks (
  task_name TEXT NOT NULL,
  task_instance TEXT NOT NULL,
  task_data BYTEA,
  execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
  picked BOOLEAN NOT NULL,
  picked_by TEXT,
  last_success TIMESTAMP WITH TIME ZONE,
  last_failure TIMESTAMP WITH TIME ZONE,
  consecutive_failures INT,
  last_heartbeat TIMESTAMP WITH TIME ZONE,
  version BIGINT NOT NULL,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX IF NOT EXISTS saas_scheduled_tasks_execution_time_idx ON saas_scheduled_tasks (execution_time);
CREATE INDEX IF NOT EXISTS saas_scheduled_tasks_last_heartbeat_idx ON saas_scheduled_tasks (last_heartbeat);
CREATE INDEX IF NOT EXISTS saas_scheduled_tasks_priority_execution_time_idx ON saas_scheduled_tasks (priority DESC, execution_time ASC);
