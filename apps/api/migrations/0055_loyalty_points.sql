-- Points (积分): an append-only ledger like money. Every change is an entry with the balance after it;
-- earned points sit in lots with an expiry, spends and clawbacks take from the lots oldest-expiry first
-- (FIFO) and name the lots they took from (allocations), so a reversal can give exactly those back.
-- The per-member account row is the lock every change takes and the cached balance (never below zero).
CREATE TABLE loyalty_point_accounts (
  member_id uuid PRIMARY KEY,
  balance integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
  -- Points a clawback could not take back because they were already spent (recorded, never negative).
  shortfall integer NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
  updated_at timestamptz NOT NULL
);

CREATE TABLE loyalty_point_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('earn', 'spend', 'expire', 'reverse', 'adjust')),
  points integer NOT NULL,
  balance_after integer NOT NULL CHECK (balance_after >= 0),
  source text NOT NULL,
  ref text,
  reason text NOT NULL,
  -- Business key: 'op:<ref>' for earn/spend/adjust, 'reverse:<ref>' for a reversal; expiries have none.
  key text UNIQUE,
  reverses_entry_id bigint REFERENCES loyalty_point_entries (id),
  shortfall integer NOT NULL DEFAULT 0 CHECK (shortfall >= 0),
  operator_id uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX loyalty_point_entries_member ON loyalty_point_entries (member_id, id DESC);

CREATE TABLE loyalty_point_lots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL,
  entry_id bigint NOT NULL UNIQUE REFERENCES loyalty_point_entries (id),
  points integer NOT NULL CHECK (points > 0),
  remaining integer NOT NULL CHECK (remaining >= 0 AND remaining <= points),
  expires_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX loyalty_point_lots_open ON loyalty_point_lots (member_id, expires_at NULLS LAST, created_at) WHERE remaining > 0;
CREATE INDEX loyalty_point_lots_due ON loyalty_point_lots (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;

-- Which lots a debit (spend, clawback, expiry, negative adjustment) took its points from.
CREATE TABLE loyalty_point_allocations (
  entry_id bigint NOT NULL REFERENCES loyalty_point_entries (id),
  lot_id uuid NOT NULL REFERENCES loyalty_point_lots (id),
  points integer NOT NULL CHECK (points > 0),
  PRIMARY KEY (entry_id, lot_id)
);

CREATE FUNCTION loyalty_points_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'loyalty points entries are append-only';
END;
$$;
CREATE TRIGGER loyalty_point_entries_no_change BEFORE UPDATE OR DELETE ON loyalty_point_entries
  FOR EACH ROW EXECUTE FUNCTION loyalty_points_append_only();
CREATE TRIGGER loyalty_point_entries_no_truncate BEFORE TRUNCATE ON loyalty_point_entries
  FOR EACH STATEMENT EXECUTE FUNCTION loyalty_points_append_only();
CREATE TRIGGER loyalty_point_allocations_no_change BEFORE UPDATE OR DELETE ON loyalty_point_allocations
  FOR EACH ROW EXECUTE FUNCTION loyalty_points_append_only();
