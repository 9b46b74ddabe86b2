-- Single-use, 30-second tickets that authenticate a WebSocket without putting a session token in a
-- URL. Stored in the database so a ticket fetched from one instance opens a socket on another.
CREATE TABLE realtime_tickets (
  token_hash text PRIMARY KEY,
  principal  jsonb NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX realtime_tickets_expiry ON realtime_tickets (expires_at);
