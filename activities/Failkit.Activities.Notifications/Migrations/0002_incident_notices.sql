-- A tenant plane's copy of what the management plane told it about a security incident: one row per notice
-- (notified, escalated, postmortem). It backs the tenant's own GET /api/incidents; the audit log records the same.
CREATE TABLE notifications.incident_notices (
    id uuid PRIMARY KEY,
    tenant_id text DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    incident_id uuid NOT NULL,
    kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    severity text NOT NULL CHECK (length(severity) BETWEEN 1 AND 16),
    state text NOT NULL CHECK (length(state) BETWEEN 1 AND 16),
    message text NOT NULL CHECK (length(message) <= 2000),
    at timestamptz NOT NULL,
    received_at timestamptz NOT NULL);

CREATE INDEX incident_notices_incident ON notifications.incident_notices (incident_id, at);

ALTER TABLE notifications.incident_notices ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications.incident_notices
    USING (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id IS NOT DISTINCT FROM NULLIF(current_setting('app.current_tenant', true), ''));
