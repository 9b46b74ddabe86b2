-- One-time codes sent by SMS and the sandbox channel's outbox of sent messages.
-- Phones are personal data: stored encrypted, found by their blind index.
CREATE TABLE sms_codes (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone_index text NOT NULL,
  purpose     text NOT NULL,
  code_hash   text NOT NULL,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  consumed_at timestamptz
);
CREATE INDEX sms_codes_lookup ON sms_codes (phone_index, purpose, created_at DESC);
CREATE INDEX sms_codes_expiry ON sms_codes (expires_at);

CREATE TABLE sms_messages (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone_enc   text NOT NULL,
  phone_index text NOT NULL,
  purpose     text NOT NULL,
  content     text NOT NULL,
  channel     text NOT NULL,
  sent_at     timestamptz NOT NULL
);
CREATE INDEX sms_messages_sent ON sms_messages (sent_at DESC, id);
CREATE INDEX sms_messages_phone ON sms_messages (phone_index, sent_at DESC);
