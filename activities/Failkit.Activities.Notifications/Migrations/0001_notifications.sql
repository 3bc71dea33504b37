-- The journal of every notification a plane sent: one row per attempt outcome, never updated or deleted by the
-- application. On a tenant database tenant_id is the plane's tenant (forced row-level security); on the management
-- database the GUC is unset, so tenant_id is NULL and the same policy shows the management plane only its own rows.
CREATE TABLE notifications.deliveries (
    id uuid PRIMARY KEY,
    tenant_id text DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
    recipient text NOT NULL,
    subject text NOT NULL,
    outcome text NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed', 'refused')),
    attempts integer NOT NULL CHECK (attempts >= 1),
    error text,
    workflow_instance_id text,
    correlation text,
    at timestamptz NOT NULL);

CREATE INDEX deliveries_at ON notifications.deliveries (at DESC);
CREATE INDEX deliveries_correlation ON notifications.deliveries (correlation) WHERE correlation IS NOT NULL;

ALTER TABLE notifications.deliveries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications.deliveries
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('app.current_tenant', true), ''));
