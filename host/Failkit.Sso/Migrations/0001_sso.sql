-- SSO state of one tenant. Unlike the workflow tables these carry tenant_id and forced RLS from the start, so
-- they are safe even if a deployment migrates them after TenantDatabaseProvisioner.SecureTablesAsync ran; that
-- step still has to run afterwards for the application role's grants (docs/decisions/sso-storage.md).

-- One row per protocol ('oidc', 'saml'); payload is the settings JSON protected with ASP.NET Data Protection.
CREATE TABLE sso.settings (
    tenant_id  text        NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    protocol   text        NOT NULL CHECK (protocol IN ('oidc', 'saml')),
    payload    bytea       NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, protocol)
);

-- Login attempts in flight: OIDC state (nonce, PKCE verifier, return URL) and SAML AuthnRequest ids. A row is
-- deleted when it is used, so each is single use across replicas.
CREATE TABLE sso.pending_requests (
    tenant_id  text        NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    kind       text        NOT NULL CHECK (kind IN ('oidc', 'saml')),
    key        text        NOT NULL,
    payload    bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kind, key)
);
CREATE INDEX pending_requests_expiry ON sso.pending_requests (expires_at);

-- SAML assertion ids already accepted, kept until the assertion could no longer be accepted anyway.
CREATE TABLE sso.saml_replay (
    tenant_id    text        NOT NULL DEFAULT NULLIF(current_setting('app.current_tenant', true), ''),
    assertion_id text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, assertion_id)
);
CREATE INDEX saml_replay_expiry ON sso.saml_replay (expires_at);

ALTER TABLE sso.settings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE sso.pending_requests ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE sso.saml_replay ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON sso.settings
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''));
CREATE POLICY tenant_isolation ON sso.pending_requests
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''));
CREATE POLICY tenant_isolation ON sso.saml_replay
    USING (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''))
    WITH CHECK (tenant_id = NULLIF(current_setting('app.current_tenant', true), ''));
