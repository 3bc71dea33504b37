-- agent_reports becomes the outbox of reports on their way to the tenant planes: a row is written before it is
-- forwarded and marked once the tenant plane has it, so a plane that is down loses nothing.
-- forward_rejected_status: the tenant plane refused the row for good (400, 409...); it is kept for an operator and
-- not retried, since sending the same bytes again cannot change the answer.
ALTER TABLE management.agent_reports
    ADD COLUMN forwarded_at timestamptz,
    ADD COLUMN forward_rejected_status smallint;

CREATE INDEX agent_reports_pending ON management.agent_reports (id)
    WHERE forwarded_at IS NULL AND forward_rejected_status IS NULL;
