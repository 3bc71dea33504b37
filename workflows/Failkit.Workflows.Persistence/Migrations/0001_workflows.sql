-- The workflow system's tables. Tenant provisioning (host/Failkit.Tenancy) adds tenant_id, forced RLS and the
-- policy to every table after migrating, so modules stay tenant-agnostic here (docs/decisions/tenancy-rls.md).

CREATE TABLE workflows.definitions (
    id            text        PRIMARY KEY,            -- the version id
    definition_id text        NOT NULL,
    version       integer     NOT NULL,
    name          text        NOT NULL,
    is_latest     boolean     NOT NULL,
    is_published  boolean     NOT NULL,
    created_at    timestamptz NOT NULL,
    revision      bigint      NOT NULL,               -- bumped on every write, keys the runtime's graph cache
    data          jsonb       NOT NULL,               -- the whole Elsa definition JSON of this version
    CONSTRAINT definitions_version_unique UNIQUE (definition_id, version)
);

-- At most one latest and one published version per definition.
CREATE UNIQUE INDEX definitions_one_latest ON workflows.definitions (definition_id) WHERE is_latest;
CREATE UNIQUE INDEX definitions_one_published ON workflows.definitions (definition_id) WHERE is_published;

CREATE SEQUENCE workflows.definition_revisions;

CREATE TABLE workflows.instances (
    id             text        PRIMARY KEY,
    definition_id  text        NOT NULL,
    version_id     text        NOT NULL,
    version        integer     NOT NULL,
    status         text        NOT NULL,
    sub_status     text        NOT NULL,
    correlation_id text,
    name           text,
    incident_count integer     NOT NULL,
    incidents      jsonb       NOT NULL,              -- the list views show incidents without loading state
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    revision       bigint      NOT NULL,              -- bumped per commit; a session re-locking checks it
    state          jsonb       NOT NULL
);

CREATE INDEX instances_definition ON workflows.instances (definition_id, created_at);
CREATE INDEX instances_correlation ON workflows.instances (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX instances_status ON workflows.instances (status, sub_status, created_at);
CREATE INDEX instances_created ON workflows.instances (created_at);

-- Bookmarks and journal rows belong to their instance and go with it. The work queue has no foreign key on
-- purpose: a child's commit queues work for its parent while the parent's row is locked FOR UPDATE, and the
-- key-share lock of a foreign-key check would wait for it (a deadlock inside one process).
CREATE TABLE workflows.bookmarks (
    instance_id          text        NOT NULL REFERENCES workflows.instances (id) ON DELETE CASCADE,
    id                   text        NOT NULL,
    name                 text        NOT NULL,
    hash                 text,
    correlation_id       text,                        -- copied from the instance for event lookups
    activity_node_id     text        NOT NULL,
    activity_instance_id text        NOT NULL,
    payload              jsonb,
    resume_at            timestamptz,
    created_at           timestamptz NOT NULL,
    PRIMARY KEY (instance_id, id)
);

CREATE INDEX bookmarks_name_hash ON workflows.bookmarks (name, hash);

CREATE TABLE workflows.journal (
    id            text        PRIMARY KEY,
    instance_id   text        NOT NULL REFERENCES workflows.instances (id) ON DELETE CASCADE,
    sequence      bigint      NOT NULL,
    activity_id   text        NOT NULL,
    node_id       text        NOT NULL,
    activity_type text        NOT NULL,
    activity_name text,
    status        text        NOT NULL,
    started_at    timestamptz NOT NULL,
    completed_at  timestamptz,
    inputs        jsonb,
    outputs       jsonb,
    outcomes      jsonb,
    exception     text,
    attempts      integer     NOT NULL
);

CREATE INDEX journal_instance ON workflows.journal (instance_id, sequence);

-- The dispatch queue: rows are inserted, locked with FOR UPDATE SKIP LOCKED and deleted, never updated.
-- Every claimer scans the (due_at, id) index from its start, so dead index entries of deleted rows are what
-- slows it down; measured here, a queue that is never vacuumed halves its throughput within 2 minutes. Hence:
--   * vacuum after a fixed number of dead rows (scale factor 0), not after a fraction of a table that is
--     small by design, and without cost-based throttling;
--   * insert-triggered vacuum too, so the visibility map stays current between bursts;
--   * fillfactor stays 100: it only leaves room for HOT updates, and this table has no updates.
-- autovacuum_naptime is server-wide (default 1 min) and cannot be set per table; docs/decisions explains it.
CREATE TABLE workflows.work (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text        NOT NULL,
    kind        text        NOT NULL,
    due_at      timestamptz NOT NULL,
    bookmark_id text,
    input       json
) WITH (
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_cost_delay = 0,
    autovacuum_vacuum_insert_scale_factor = 0,
    autovacuum_vacuum_insert_threshold = 5000,
    autovacuum_analyze_scale_factor = 0,
    autovacuum_analyze_threshold = 5000
);

CREATE INDEX work_due ON workflows.work (due_at, id);
CREATE INDEX work_instance ON workflows.work (instance_id);
