-- Investor suitability (投资者适当性): every risk questionnaire a member submitted, kept for
-- compliance. The newest unexpired assessment is the member's level; a member at C_n may buy
-- products of risk R1 … R_n. Rows are never changed or removed: a new attempt is a new row.
CREATE TABLE suitability_assessments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Submission order: one member's submissions are serialised, so the highest seq is their latest
  -- even when two share a timestamp.
  seq          bigserial NOT NULL UNIQUE,
  member_id    uuid NOT NULL,
  -- The questionnaire version answered; its texts and scores live in code under that version.
  version      text NOT NULL,
  -- [{"questionId","optionId"}, …] as submitted, in questionnaire order.
  answers      jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'array'),
  score        integer NOT NULL CHECK (score >= 0),
  level        smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  assessed_at  timestamptz NOT NULL,
  -- assessed_at + 1 year.
  expires_at   timestamptz NOT NULL CHECK (expires_at > assessed_at)
);
-- The member's latest assessment; today's attempts.
CREATE INDEX suitability_assessments_latest ON suitability_assessments (member_id, seq DESC);
CREATE INDEX suitability_assessments_member_day ON suitability_assessments (member_id, assessed_at);

CREATE FUNCTION suitability_assessments_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'suitability_assessments is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER suitability_assessments_no_change BEFORE UPDATE OR DELETE ON suitability_assessments
  FOR EACH ROW EXECUTE FUNCTION suitability_assessments_are_append_only();
CREATE TRIGGER suitability_assessments_no_truncate BEFORE TRUNCATE ON suitability_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION suitability_assessments_are_append_only();
