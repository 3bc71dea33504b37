-- The management plane's registry. It holds no customer data: tenants, bootstrap token hashes,
-- the internal CA and its register, and the metadata of agent reports until the tenant plane takes them.
CREATE TABLE management.tenants (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,30}[a-z0-9]$'),
    tier text NOT NULL CHECK (tier IN ('Standard', 'Professional', 'Enterprise')),
    status text NOT NULL CHECK (status IN ('Active', 'Suspended', 'Deleted')),
    created_at timestamptz NOT NULL,
    status_changed_at timestamptz NOT NULL);

-- Only the SHA-256 of a token is stored; the plain token is shown once, when it is minted.
CREATE TABLE management.bootstrap_tokens (
    id uuid PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES management.tenants (id),
    purpose text NOT NULL CHECK (purpose IN ('owner', 'agent')),
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz);
CREATE INDEX bootstrap_tokens_tenant ON management.bootstrap_tokens (tenant_id);

-- A single row: the root certificate and its private key as Data Protection ciphertext.
CREATE TABLE management.ca_root (
    id smallint PRIMARY KEY CHECK (id = 1),
    certificate_pem text NOT NULL,
    protected_key bytea NOT NULL,
    created_at timestamptz NOT NULL);

CREATE TABLE management.issued_certificates (
    serial text PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES management.tenants (id),
    subject text NOT NULL,
    thumbprint text NOT NULL UNIQUE,
    not_before timestamptz NOT NULL,
    not_after timestamptz NOT NULL,
    issued_at timestamptz NOT NULL,
    revoked_at timestamptz);
CREATE INDEX issued_certificates_tenant ON management.issued_certificates (tenant_id);

-- One column per metadata field of the agent's report and nothing else: there is nowhere to put a payload.
CREATE TABLE management.agent_reports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id uuid NOT NULL REFERENCES management.tenants (id),
    certificate_serial text NOT NULL REFERENCES management.issued_certificates (serial),
    received_at timestamptz NOT NULL,
    disk text NOT NULL,
    point_id text NOT NULL,
    point_time timestamptz NOT NULL,
    bytes_scanned bigint NOT NULL,
    bytes_changed bigint NOT NULL,
    bytes_uploaded bigint NOT NULL,
    block_count integer NOT NULL,
    manifest_sha256 text NOT NULL,
    rpo_observed_seconds double precision,
    UNIQUE (tenant_id, disk, point_id));
