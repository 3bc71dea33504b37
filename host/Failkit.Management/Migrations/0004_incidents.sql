-- Security incidents and their notification record (issue 8). The management database holds the incident, which
-- tenants it affects and who was told when; the message bodies themselves go out by email and are not kept.
CREATE TABLE management.incidents (
    id uuid PRIMARY KEY,
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    what_happened text NOT NULL CHECK (length(what_happened) BETWEEN 1 AND 20000),
    confirmed_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    workflow_instance_id text,
    -- NULL until decided: every affected tenant had an owner notified within 24 hours of confirmation.
    notified_in_time boolean,
    postmortem text,
    postmortem_at timestamptz,
    -- NULL until the incident closes: the postmortem went out within 14 days of confirmation.
    postmortem_in_time boolean,
    closed_at timestamptz);

CREATE TABLE management.incident_tenants (
    incident_id uuid NOT NULL REFERENCES management.incidents (id),
    tenant_slug text NOT NULL,
    notified_at timestamptz,
    acknowledged_at timestamptz,
    acknowledged_by text,
    escalated_at timestamptz,
    PRIMARY KEY (incident_id, tenant_slug));

-- One row per person told: the owners first, the admins when escalated, each with its delivery state.
CREATE TABLE management.incident_recipients (
    id uuid PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES management.incidents (id),
    tenant_slug text NOT NULL,
    email text NOT NULL,
    role text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    delivered_at timestamptz,
    last_error text,
    postmortem_delivered_at timestamptz,
    UNIQUE (incident_id, tenant_slug, email));

-- The public timeline of an incident (the status page): never a tenant's name or a recipient.
CREATE TABLE management.incident_updates (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES management.incidents (id),
    at timestamptz NOT NULL,
    message text NOT NULL);

CREATE INDEX incidents_recent ON management.incidents (created_at DESC);
