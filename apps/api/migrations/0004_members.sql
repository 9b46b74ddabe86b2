-- Members (investors and borrowers) and their credentials. Personal data columns end in _enc
-- (AES-256-GCM, key id inside) with an HMAC blind index (_index) for uniqueness and lookup.
CREATE TABLE members (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  phone_enc               text,
  phone_index             text UNIQUE,
  phone_last4             text NOT NULL,
  password_hash           text,
  nickname                text NOT NULL,
  status                  text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  agreement_version       text NOT NULL,
  agreement_accepted_at   timestamptz NOT NULL,
  failed_logins           integer NOT NULL DEFAULT 0,
  locked_until            timestamptz,
  payment_password_hash   text,
  payment_failed          integer NOT NULL DEFAULT 0,
  payment_locked_until    timestamptz,
  real_name_enc           text,
  id_number_enc           text,
  id_number_index         text UNIQUE,
  real_name_verified_at   timestamptz,
  channel                 text,
  utm_source              text,
  utm_medium              text,
  utm_campaign            text,
  registered_ip           text,
  registered_device       text,
  created_at              timestamptz NOT NULL,
  closed_at               timestamptz
);
CREATE INDEX members_created ON members (created_at DESC, id);

CREATE TABLE member_sessions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id    uuid NOT NULL REFERENCES members(id),
  token_hash   text NOT NULL UNIQUE,
  device_id    text,
  user_agent   text,
  ip           text,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX member_sessions_member ON member_sessions (member_id, created_at DESC);
CREATE INDEX member_sessions_expiry ON member_sessions (expires_at);

CREATE TABLE member_login_events (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id  uuid NOT NULL REFERENCES members(id),
  outcome    text NOT NULL CHECK (outcome IN ('success', 'wrong_password', 'locked')),
  ip         text,
  device_id  text,
  user_agent text,
  at         timestamptz NOT NULL
);
CREATE INDEX member_login_events_member ON member_login_events (member_id, at DESC);

CREATE TABLE bank_cards (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id           uuid NOT NULL REFERENCES members(id),
  card_enc            text NOT NULL,
  card_index          text NOT NULL,
  card_last4          text NOT NULL,
  bank_code           text NOT NULL,
  bank_name           text NOT NULL,
  reserved_phone_enc  text NOT NULL,
  reserved_phone_last4 text NOT NULL,
  bound_at            timestamptz NOT NULL,
  unbound_at          timestamptz
);
-- A card can be bound to one account at a time.
CREATE UNIQUE INDEX bank_cards_active_card ON bank_cards (card_index) WHERE unbound_at IS NULL;
CREATE INDEX bank_cards_member ON bank_cards (member_id) WHERE unbound_at IS NULL;
