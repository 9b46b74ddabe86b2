-- The community charter: versioned, public, and immutable once published (a change is a new
-- version). Moderation actions cite a rule by code from the version in force.
CREATE TABLE charter_versions (
  version       integer PRIMARY KEY,
  rules         jsonb NOT NULL,
  summary       text NOT NULL,
  published_by  text NOT NULL,
  published_at  timestamptz NOT NULL
);

CREATE FUNCTION charter_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'charter_versions is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER charter_versions_no_change BEFORE UPDATE OR DELETE ON charter_versions
  FOR EACH ROW EXECUTE FUNCTION charter_is_append_only();
CREATE TRIGGER charter_versions_no_truncate BEFORE TRUNCATE ON charter_versions
  FOR EACH STATEMENT EXECUTE FUNCTION charter_is_append_only();
