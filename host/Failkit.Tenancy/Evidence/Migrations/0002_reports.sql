-- The tenant's signed drill reports, one chain per tenant (docs/decisions/evidence-reports.md). tenant_id, forced RLS
-- and the grants are added by the provisioner, like every table.
CREATE TABLE evidence.reports (
    report_number bigint PRIMARY KEY CHECK (report_number > 0),
    drill_id uuid NOT NULL UNIQUE,
    generated_at timestamptz NOT NULL,
    key_id uuid NOT NULL REFERENCES evidence.signing_keys (id),
    verdict text NOT NULL,
    simulated boolean NOT NULL,
    -- The sealed manifest's canonical bytes (the .json file); NULL once retention purged it.
    manifest bytea,
    manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    body_sha256 text NOT NULL CHECK (body_sha256 ~ '^[0-9a-f]{64}$'),
    -- The .sig file's canonical bytes; kept forever, like the hashes and the link.
    signature bytea NOT NULL,
    pdf bytea,
    pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
    pdf_bytes bigint NOT NULL,
    previous_report_sha256 text CHECK (previous_report_sha256 ~ '^[0-9a-f]{64}$'),
    purged_at timestamptz,
    -- Report 1 has no predecessor; every later one names one.
    CHECK ((report_number = 1) = (previous_report_sha256 IS NULL)),
    CHECK ((purged_at IS NULL) = (manifest IS NOT NULL AND pdf IS NOT NULL)));

CREATE INDEX reports_generated ON evidence.reports (generated_at) WHERE purged_at IS NULL;

-- A sealed report never changes, except that retention may drop its bodies once: the number, hashes, signature and
-- link stay, so the chain still verifies. Nobody deletes a report, the owner included.
CREATE FUNCTION evidence.reports_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'evidence.reports is append-only: it cannot be truncated' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'evidence.reports is append-only: report % cannot be deleted', OLD.report_number USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL AND NEW.manifest IS NULL AND NEW.pdf IS NULL
       AND (NEW.report_number, NEW.drill_id, NEW.generated_at, NEW.key_id, NEW.verdict, NEW.simulated, NEW.manifest_sha256, NEW.body_sha256,
            NEW.signature, NEW.pdf_sha256, NEW.pdf_bytes, NEW.previous_report_sha256)
           IS NOT DISTINCT FROM
           (OLD.report_number, OLD.drill_id, OLD.generated_at, OLD.key_id, OLD.verdict, OLD.simulated, OLD.manifest_sha256, OLD.body_sha256,
            OLD.signature, OLD.pdf_sha256, OLD.pdf_bytes, OLD.previous_report_sha256) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'evidence.reports is sealed: report % may only have its bodies purged, once', OLD.report_number USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER reports_sealed BEFORE UPDATE OR DELETE ON evidence.reports FOR EACH ROW EXECUTE FUNCTION evidence.reports_guard();
CREATE TRIGGER reports_not_truncated BEFORE TRUNCATE ON evidence.reports FOR EACH STATEMENT EXECUTE FUNCTION evidence.reports_guard();

-- The retention policy; no row means the tier's default (365 days, 2557 for Enterprise).
CREATE TABLE evidence.retention (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    days integer NOT NULL CHECK (days BETWEEN 1 AND 36500),
    updated_at timestamptz NOT NULL,
    updated_by text NOT NULL);
