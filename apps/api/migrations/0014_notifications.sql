-- In-app notifications (the member's inbox). Other channels (SMS, email, push) come later and read
-- the same rows. A notification made from a domain event carries that event's id in
-- source_event_id: the outbox delivers at least once, the UNIQUE constraint makes it one row.
CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Keyset paging cursor (newest first), stable when two share a timestamp.
  seq             bigserial NOT NULL UNIQUE,
  member_id       uuid NOT NULL,
  kind            text NOT NULL
    CHECK (kind IN ('money', 'investing', 'mention', 'reply', 'live_reminder', 'moderation', 'system')),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body            text NOT NULL CHECK (length(body) <= 2000),
  -- An app path ("/wallet/orders/…"), never a foreign URL.
  link            text CHECK (link IS NULL OR link LIKE '/%'),
  source_event_id text UNIQUE,
  created_at      timestamptz NOT NULL,
  read_at         timestamptz
);
CREATE INDEX notifications_member_seq ON notifications (member_id, seq DESC);
CREATE INDEX notifications_member_unread ON notifications (member_id, seq DESC) WHERE read_at IS NULL;

-- Only the kinds a member changed have a row; a missing row means "on".
CREATE TABLE notification_preferences (
  member_id   uuid NOT NULL,
  kind        text NOT NULL
    CHECK (kind IN ('money', 'investing', 'mention', 'reply', 'live_reminder', 'moderation', 'system')),
  in_app      boolean NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, kind),
  -- Mandatory kinds can never be switched off.
  CHECK (in_app OR kind NOT IN ('moderation', 'system'))
);

-- Top-up and withdrawal amounts as announced by wallet.order_created, so the order's outcome
-- (wallet.order_updated, which carries no amount) can say how much. Removed once the outcome is told.
CREATE TABLE notification_order_amounts (
  order_id    uuid PRIMARY KEY,
  amount      bigint NOT NULL CHECK (amount > 0),
  created_at  timestamptz NOT NULL
);
