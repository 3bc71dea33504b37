-- Tenant onboarding is a workflow: a tenant is Provisioning until its plane runs and its route is registered.
-- The slug rule is Failkit.Tenancy's TenantSlug; this CHECK must say the same.
ALTER TABLE management.tenants DROP CONSTRAINT tenants_status_check;
ALTER TABLE management.tenants ADD CONSTRAINT tenants_status_check
    CHECK (status IN ('Provisioning', 'Active', 'Suspended', 'Deleted'));
ALTER TABLE management.tenants DROP CONSTRAINT tenants_slug_check;
ALTER TABLE management.tenants ADD CONSTRAINT tenants_slug_check
    CHECK (slug ~ '^[a-z][a-z0-9-]{1,30}[a-z0-9]$' AND position('--' IN slug) = 0);
ALTER TABLE management.tenants ADD COLUMN contact_email text;
ALTER TABLE management.tenants ADD COLUMN onboarding_instance_id text;

-- Secrets of the management plane itself (the plane-key secret), as Data Protection ciphertext; one row per name.
CREATE TABLE management.secrets (
    name text PRIMARY KEY,
    protected_value bytea NOT NULL,
    created_at timestamptz NOT NULL);
