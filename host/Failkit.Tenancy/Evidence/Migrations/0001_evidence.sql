-- The tenant's report-signing keys (Ed25519). The private key is Data Protection ciphertext under the tenant's own
-- key ring (docs/decisions/management-key-rings.md). tenant_id, forced RLS and the policy are added by the provisioner.
CREATE TABLE evidence.signing_keys (
    id uuid PRIMARY KEY,
    algorithm text NOT NULL CHECK (algorithm = 'Ed25519'),
    public_key bytea NOT NULL CHECK (length(public_key) = 32),
    protected_private_key bytea NOT NULL,
    created_at timestamptz NOT NULL,
    retired_at timestamptz);

-- At most one key in use; a rotation retires the old one, which stays to verify the reports it signed.
CREATE UNIQUE INDEX signing_keys_one_current ON evidence.signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;
