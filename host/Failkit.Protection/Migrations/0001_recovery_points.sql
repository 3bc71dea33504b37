-- A recovery point is what an agent reported after a complete cycle, and nothing more: one column per metadata
-- field of the report, plus who sent it (the certificate serial) and when the management plane took it. There is
-- no column a block, a key or a free-form document could go into.
-- tenant_id, RLS and the policy are declared here rather than left to TenantDatabaseProvisioner.SecureTablesAsync,
-- so the table is never readable without the tenant scope, not even between this migration and that step (which
-- then finds it secured and only adds the app role's grants).
CREATE TABLE protection.recovery_points (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id text NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    disk text NOT NULL CHECK (length(disk) BETWEEN 1 AND 200),
    point_id text NOT NULL CHECK (length(point_id) BETWEEN 1 AND 100),
    point_time timestamptz NOT NULL,
    bytes_scanned bigint NOT NULL CHECK (bytes_scanned >= 0),
    bytes_changed bigint NOT NULL CHECK (bytes_changed >= 0),
    bytes_uploaded bigint NOT NULL CHECK (bytes_uploaded >= 0),
    block_count integer NOT NULL CHECK (block_count >= 0),
    manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    rpo_observed_seconds double precision CHECK (rpo_observed_seconds >= 0),
    certificate_serial text NOT NULL CHECK (length(certificate_serial) BETWEEN 1 AND 64),
    received_at timestamptz NOT NULL,
    -- A re-sent report finds its row: the tenant has a database of its own, so tenant_id need not be in the key.
    UNIQUE (disk, point_id));

-- Drills pick the latest point of a disk, or the latest before a time.
CREATE INDEX recovery_points_disk_time ON protection.recovery_points (disk, point_time DESC);

ALTER TABLE protection.recovery_points ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON protection.recovery_points
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''));
