-- The drill domain of one tenant. Every table carries tenant_id with forced row-level security, declared here so no
-- table is ever readable without the tenant scope (the provisioner's securing step then only adds the grants).

-- A cloud account's secret (external id, client secret, service-account JSON) is stored only as Data Protection
-- ciphertext under the tenant's own key ring; settings hold nothing secret.
CREATE TABLE drills.cloud_accounts (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    kind text NOT NULL CHECK (kind IN ('Sim', 'Aws', 'Azure', 'Gcp')),
    region text NOT NULL CHECK (length(region) BETWEEN 1 AND 64),
    network jsonb NOT NULL,
    instance_types jsonb NOT NULL DEFAULT '{}',
    tags jsonb NOT NULL DEFAULT '{}',
    settings jsonb NOT NULL DEFAULT '{}',
    protected_secret text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL);

CREATE TABLE drills.protection_groups (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    cloud_account_id uuid NOT NULL REFERENCES drills.cloud_accounts (id),
    rto_target_minutes integer NOT NULL CHECK (rto_target_minutes > 0),
    rpo_target_minutes integer NOT NULL CHECK (rpo_target_minutes > 0),
    runbook_definition_id text NOT NULL,
    -- A cron expression (five fields, UTC) that starts a drill; next_run_at is when it fires next.
    schedule text,
    next_run_at timestamptz,
    created_at timestamptz NOT NULL);

-- disks: [{name, sizeBytes}] where name is the agent's disk name (recovery points are per disk);
-- probes: [{name, kind, url?, expectedStatus?, expectedBody?, port?, script?}].
CREATE TABLE drills.protected_vms (
    group_id uuid NOT NULL REFERENCES drills.protection_groups (id) ON DELETE CASCADE,
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{0,62}$'),
    wave integer NOT NULL CHECK (wave BETWEEN 1 AND 100),
    size text NOT NULL,
    disks jsonb NOT NULL,
    probes jsonb NOT NULL DEFAULT '[]',
    PRIMARY KEY (group_id, name));

CREATE TABLE drills.drills (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    group_id uuid NOT NULL REFERENCES drills.protection_groups (id),
    status text NOT NULL CHECK (status IN ('Running', 'Succeeded', 'Failed', 'Cancelled')),
    simulated boolean NOT NULL,
    initiator_kind text NOT NULL CHECK (initiator_kind IN ('user', 'schedule', 'api-client')),
    initiator text NOT NULL,
    runbook_definition_id text NOT NULL,
    runbook_version integer NOT NULL,
    recovery_point_before timestamptz,
    require_approval boolean NOT NULL DEFAULT false,
    rto_target_seconds integer NOT NULL,
    rpo_target_seconds integer NOT NULL,
    workflow_instance_id text,
    cleanup_instance_id text,
    requested_at timestamptz NOT NULL,
    finished_at timestamptz,
    cancel_requested_at timestamptz,
    cancel_requested_by text,
    cleanup jsonb,
    result jsonb);

CREATE INDEX drills_running ON drills.drills (requested_at) WHERE status = 'Running';

-- One row per VM of a drill: its chosen recovery point, cloud ids, the RTO waterfall's timestamps and its verdict.
CREATE TABLE drills.drill_vms (
    drill_id uuid NOT NULL REFERENCES drills.drills (id) ON DELETE CASCADE,
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    name text NOT NULL,
    wave integer NOT NULL,
    status text NOT NULL,
    recovery_points jsonb,
    instance_id text,
    private_address text,
    request_ids text[] NOT NULL DEFAULT '{}',
    requested_at timestamptz,
    disk_ready_at timestamptz,
    instance_running_at timestamptz,
    boot_signal_at timestamptz,
    probes_green_at timestamptz,
    probes jsonb NOT NULL DEFAULT '[]',
    error text,
    PRIMARY KEY (drill_id, name));

-- Who approved or rejected a drill, and when; append-only.
CREATE TABLE drills.approvals (
    id uuid PRIMARY KEY,
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    drill_id uuid NOT NULL REFERENCES drills.drills (id),
    decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
    decided_by text NOT NULL,
    comment text,
    decided_at timestamptz NOT NULL);
COMMENT ON TABLE drills.approvals IS 'append-only';

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['cloud_accounts', 'protection_groups', 'protected_vms', 'drills', 'drill_vms', 'approvals'] LOOP
        EXECUTE format('ALTER TABLE drills.%I ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', t);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON drills.%I
            USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''))
            WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''))$p$, t);
    END LOOP;
END $$;
