-- Append-only, hash-chained audit log. Each row's hash covers its content and the previous hash,
-- so an edited or deleted row breaks the chain (verified in the console).
CREATE TABLE audit_log (
  seq         bigserial PRIMARY KEY,
  id          uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  actor_type  text NOT NULL CHECK (actor_type IN ('operator', 'member', 'system')),
  actor_id    text,
  actor_name  text,
  action      text NOT NULL,
  target_type text,
  target_id   text,
  before      jsonb,
  after       jsonb,
  ip          text,
  at          timestamptz NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_action ON audit_log (action, seq DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_type, actor_id, seq DESC);
CREATE INDEX audit_log_target ON audit_log (target_id, seq DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
