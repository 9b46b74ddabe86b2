-- Idempotency keys for money-moving and reward-granting requests (Stripe's model): the first
-- request with a key runs and its response is stored; a replay gets that response back; the same
-- key with a different body is refused; a duplicate arriving while the first is running gets 409.
CREATE TABLE idempotency_keys (
  scope         text NOT NULL,
  route         text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  state         text NOT NULL CHECK (state IN ('in_flight', 'done')),
  status_code   integer,
  response      jsonb,
  -- An in-flight claim whose holder died is taken over after this time.
  locked_until  timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (scope, route, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
