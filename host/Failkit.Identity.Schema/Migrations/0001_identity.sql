-- The tenant plane's users, sessions' side tables, API clients, support grants and audit events.
-- tenant_id, forced RLS and the app role's grants are added afterwards by TenantDatabaseProvisioner.SecureTablesAsync.

CREATE TABLE identity.users (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    email_normalized text NOT NULL UNIQUE,
    password_hash text,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'operator', 'auditor')),
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE INDEX users_role ON identity.users (role);

CREATE TABLE identity.external_logins (
    provider text NOT NULL,
    subject text NOT NULL,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (provider, subject)
);

CREATE TABLE identity.password_resets (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    token_sha256 bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

-- Mail waiting for the notifications module to send it.
CREATE TABLE identity.outbox (
    id uuid PRIMARY KEY,
    to_address text NOT NULL,
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at timestamptz
);

-- Failkit's side of an OpenIddict application: who made it and which role its tokens carry.
CREATE TABLE identity.api_clients (
    client_id text PRIMARY KEY,
    name text NOT NULL,
    role text NOT NULL CHECK (role IN ('admin', 'operator', 'auditor')),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
);

CREATE TABLE identity.support_grants (
    id uuid PRIMARY KEY,
    scope text NOT NULL CHECK (scope IN ('read', 'operate')),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    CHECK (expires_at > created_at AND expires_at <= created_at + interval '7 days')
);

CREATE TABLE identity.support_sessions (
    token_sha256 bytea PRIMARY KEY,
    grant_id uuid NOT NULL REFERENCES identity.support_grants (id),
    operator text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Append-only: SecureTablesAsync grants the app role SELECT and INSERT only on tables whose comment starts with
-- 'append-only', and the triggers below refuse UPDATE, DELETE and TRUNCATE even to the owner.
CREATE TABLE identity.audit_events (
    seq bigint PRIMARY KEY,
    at timestamptz NOT NULL,
    kind text NOT NULL,
    actor text NOT NULL,
    target text,
    detail text,
    prev_sha256 bytea NOT NULL
);

COMMENT ON TABLE identity.audit_events IS 'append-only: audit trail, each row chained to its predecessor';

CREATE INDEX audit_events_kind ON identity.audit_events (kind, seq);

-- The text a row's successor hashes. Timestamps in UTC with microseconds, so the chain can be re-computed
-- outside the database (AuditChain in Failkit.Identity does).
CREATE FUNCTION identity.audit_canonical(e identity.audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT concat_ws('|', e.seq::text,
        to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.kind, e.actor, coalesce(e.target, ''), coalesce(e.detail, ''), encode(e.prev_sha256, 'hex'))
$$;

-- The number and the predecessor's hash are taken under a transaction-scoped lock, so concurrent writers form
-- one chain in number order whatever order they commit in.
CREATE FUNCTION identity.audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    last identity.audit_events;
BEGIN
    PERFORM pg_advisory_xact_lock(7378676974616175);
    SELECT * INTO last FROM identity.audit_events ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        NEW.seq := 1;
        NEW.prev_sha256 := decode(repeat('00', 32), 'hex');
    ELSE
        NEW.seq := last.seq + 1;
        NEW.prev_sha256 := sha256(convert_to(identity.audit_canonical(last), 'UTF8'));
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION identity.audit_events_reject() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'identity.audit_events is append-only: % refused', TG_OP USING ERRCODE = '42501';
END
$$;

CREATE TRIGGER audit_events_chain BEFORE INSERT ON identity.audit_events
    FOR EACH ROW EXECUTE FUNCTION identity.audit_events_chain();
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON identity.audit_events
    FOR EACH ROW EXECUTE FUNCTION identity.audit_events_reject();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON identity.audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION identity.audit_events_reject();
