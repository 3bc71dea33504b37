-- A tenant's own webhooks (GET/POST/DELETE /api/settings/webhooks): where the incident notices and test events go.
-- The signing secret is stored protected by the tenant plane's Data Protection ring; the management plane never
-- reads this table (docs/decisions/notifications-tenant-webhooks.md).
CREATE TABLE notifications.tenant_webhooks (
    id uuid PRIMARY KEY,
    tenant_id text DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
    events text NOT NULL DEFAULT 'incident',
    secret_protected text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    -- The management plane's journal names a webhook by tenant and name, and a retry skips by name.
    UNIQUE (tenant_id, name));

ALTER TABLE notifications.tenant_webhooks ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications.tenant_webhooks
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('app.current_tenant', true), ''));
