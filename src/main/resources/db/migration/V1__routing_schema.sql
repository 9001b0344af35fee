-- The audit trail, one row per routing decision (one per task attempt), written by the
-- Debezium JDBC sink with upsert on decision_id, so re-delivery never doubles a row.
CREATE TABLE routing_decisions (
    decision_id              TEXT PRIMARY KEY,
    task_id                  TEXT NOT NULL,
    work_type                TEXT NOT NULL,
    agent_pool               TEXT,
    outcome                  TEXT NOT NULL,
    selected_agent_id        TEXT,
    score                    DOUBLE PRECISION,
    success_rate_percent     INTEGER,
    specialization_match     INTEGER NOT NULL,
    recent_context_match     INTEGER NOT NULL,
    retried                  INTEGER NOT NULL,
    attempt                  INTEGER NOT NULL,
    reason                   TEXT NOT NULL,
    created_at               TIMESTAMPTZ NOT NULL,
    preferred_specialization TEXT,
    excluded_agents          JSONB,
    policy_w_success         DOUBLE PRECISION,
    policy_w_context         DOUBLE PRECISION,
    policy_w_spec            DOUBLE PRECISION,
    policy_w_load            DOUBLE PRECISION,
    policy_min_samples       INTEGER,
    policy_context_window_ms BIGINT,
    policy_load_window_ms    BIGINT,
    policy_load_cap          INTEGER,
    policy_heartbeat_ttl_ms  BIGINT,
    candidates               JSONB
);
CREATE INDEX routing_decisions_task_id ON routing_decisions (task_id);
CREATE INDEX routing_decisions_work_type_created_at ON routing_decisions (work_type, created_at);

-- The agent registry as the router sees it (deregistration deletes the row).
CREATE TABLE agent_registry (
    agent_id          TEXT PRIMARY KEY,
    agent_type        TEXT NOT NULL,
    pool_name         TEXT NOT NULL,
    capabilities      JSONB NOT NULL,
    specializations   JSONB,
    status            TEXT NOT NULL,
    last_heartbeat_at TIMESTAMPTZ NOT NULL
);

-- Performance per (agent, work type), from accepted outcomes only.
CREATE TABLE agent_performance (
    agent_id              TEXT NOT NULL,
    work_type             TEXT NOT NULL,
    success_count         BIGINT NOT NULL,
    failure_count         BIGINT NOT NULL,
    total_duration_ms     BIGINT NOT NULL,
    last_execution_at     TIMESTAMPTZ,
    difficulty_assessment TEXT,
    PRIMARY KEY (agent_id, work_type)
);
