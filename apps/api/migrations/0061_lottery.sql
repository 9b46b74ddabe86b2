-- Lottery wheels (抽奖): weighted prizes with stock that is never oversold (conditional decrement),
-- a guaranteed prize after N misses, draw chances granted by campaigns or a points cost per draw,
-- and a public draw record proven by a SHA-256 commitment (weights + server seed) published when the
-- wheel opens; the seed is revealed when it closes and every draw can be recomputed from (seed, seq).
CREATE TABLE lottery_wheels (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  status           text NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
  points_cost      integer NOT NULL DEFAULT 0 CHECK (points_cost >= 0),
  guarantee_after  integer CHECK (guarantee_after IS NULL OR guarantee_after > 0),
  server_seed      text NOT NULL,
  -- The canonical JSON of the prizes and weights and its commitment, fixed when the wheel opens.
  weights_doc      text,
  commitment       text,
  draw_count       integer NOT NULL DEFAULT 0,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  opened_at        timestamptz,
  closed_at        timestamptz
);

CREATE TABLE lottery_prizes (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wheel_id         uuid NOT NULL REFERENCES lottery_wheels (id),
  position         integer NOT NULL CHECK (position >= 0),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  kind             text NOT NULL CHECK (kind IN ('none', 'points', 'coupon', 'experience', 'physical')),
  weight           integer NOT NULL CHECK (weight > 0),
  -- NULL: unlimited; otherwise what is left, never below zero.
  stock            integer CHECK (stock IS NULL OR stock >= 0),
  initial_stock    integer,
  points           integer CHECK (points IS NULL OR points > 0),
  amount           bigint CHECK (amount IS NULL OR amount > 0),
  days             integer CHECK (days IS NULL OR days > 0),
  coupon_ref       text,
  UNIQUE (wheel_id, position)
);

-- A member's chances and miss streak on a wheel.
CREATE TABLE lottery_members (
  wheel_id   uuid NOT NULL REFERENCES lottery_wheels (id),
  member_id  uuid NOT NULL,
  granted    integer NOT NULL DEFAULT 0,
  used       integer NOT NULL DEFAULT 0,
  misses     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (wheel_id, member_id),
  CHECK (used >= 0 AND used <= granted)
);

-- Each chance grant once per ref (a campaign's grant, replayed, grants once).
CREATE TABLE lottery_chance_grants (
  ref        text PRIMARY KEY,
  wheel_id   uuid NOT NULL REFERENCES lottery_wheels (id),
  member_id  uuid NOT NULL,
  count      integer NOT NULL CHECK (count > 0),
  created_at timestamptz NOT NULL
);

CREATE TABLE lottery_draws (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  wheel_id         uuid NOT NULL REFERENCES lottery_wheels (id),
  seq              integer NOT NULL,
  member_id        uuid NOT NULL,
  idempotency_key  text NOT NULL,
  paid_with        text NOT NULL CHECK (paid_with IN ('chance', 'points')),
  rolled_position  integer NOT NULL,
  prize_id         uuid REFERENCES lottery_prizes (id),
  guaranteed       boolean NOT NULL,
  -- The member's level privilege: winning prizes' weights × weight_percent / 100 for this draw (published).
  weight_percent   integer NOT NULL DEFAULT 100 CHECK (weight_percent BETWEEN 100 AND 1000),
  substituted      boolean NOT NULL,
  -- physical prizes wait for an address, then ship.
  fulfilment       text NOT NULL CHECK (fulfilment IN ('none', 'granted', 'awaiting_address', 'to_ship', 'shipped')),
  address_enc      text,
  tracking         text,
  created_at       timestamptz NOT NULL,
  UNIQUE (wheel_id, seq),
  UNIQUE (member_id, wheel_id, idempotency_key)
);
CREATE INDEX lottery_draws_member ON lottery_draws (member_id, created_at DESC);
