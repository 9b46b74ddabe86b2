-- Transactional outbox: domain events are inserted in the same transaction as the change they
-- describe and dispatched after commit, at least once. Subscribers drop duplicates by `id`.
CREATE TABLE outbox_events (
  seq             bigserial PRIMARY KEY,
  id              uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  payload         jsonb NOT NULL,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  dispatched_at   timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text
);
CREATE INDEX outbox_events_pending ON outbox_events (next_attempt_at, seq) WHERE dispatched_at IS NULL;
