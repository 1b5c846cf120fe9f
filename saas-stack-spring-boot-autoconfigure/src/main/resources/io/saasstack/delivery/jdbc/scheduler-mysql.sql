-- db-scheduler's table (its published MySQL DDL), when saas-stack starts the scheduler.
CREATE TABLE IF NOT EXISTS saas_scheduled_tasks (
  task_name VARCHAR(100) NOT NULL,
  task_instance VARCHAR(100) NOT NULL,
  task_data BLOB,
  execution_time DATETIME(6) NOT NULL,
  picked BOOLEAN NOT NULL,
  picked_by VARCHAR(50),
  last_success DATETIME(6) NULL,
  last_failure DATETIME(6) NULL,
  consecutive_failures INT,
  last_heartbeat DATETIME(6) NULL,
  version BIGINT NOT NULL,
  priority SMALLINT,
  PRIMARY KEY (task_name, task_instance),
  INDEX saas_scheduled_tasks_execution_time_idx (execution_time),
  INDEX saas_scheduled_tasks_last_heartbeat_idx (last_heartbeat),
  INDEX saas_scheduled_tasks_priority_execution_time_idx (priority DESC, execution_time ASC)
);
