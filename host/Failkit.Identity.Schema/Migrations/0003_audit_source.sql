-- Who, what, when, and now from where and before/after (JSON text). Events written before these columns existed
-- hash to the same text as before (the three are appended only when one is set), so their chain still verifies.
ALTER TABLE identity.audit_events ADD COLUMN source text, ADD COLUMN before text, ADD COLUMN after text;

CREATE OR REPLACE FUNCTION identity.audit_canonical(e identity.audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN e.source IS NULL AND e.before IS NULL AND e.after IS NULL THEN base
                ELSE concat_ws('|', base, coalesce(e.source, ''), coalesce(e.before, ''), coalesce(e.after, '')) END
    FROM (SELECT concat_ws('|', e.seq::text,
        to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        e.kind, e.actor, coalesce(e.target, ''), coalesce(e.detail, ''), encode(e.prev_sha256, 'hex')) AS base) b
$$;
