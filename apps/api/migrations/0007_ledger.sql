-- Double-entry ledger. Amounts are signed integer fen: a debit is positive, a credit negative, and
-- the entries of every transfer sum to zero. Transfers and entries are append-only; an account's
-- `balance` is a cache of the sum of its entries, kept in the same transaction under a row lock.

-- The chart of accounts by kind. A liability (what the platform owes members or issuers) has a
-- credit normal side, so its "natural" balance is -SUM(amount).
CREATE TABLE ledger_account_kinds (
  kind         text PRIMARY KEY,
  normal_side  text NOT NULL CHECK (normal_side IN ('debit', 'credit')),
  -- Member money can never go below zero; the check below enforces it even against buggy callers.
  floor_zero   boolean NOT NULL,
  -- Whose money it is: client money held by the custodian, or the platform's own.
  book         text NOT NULL CHECK (book IN ('client', 'platform')),
  per_owner    boolean NOT NULL,
  label_zh     text NOT NULL,
  label_en     text NOT NULL
);
INSERT INTO ledger_account_kinds VALUES
  ('custodian_cash',      'debit',  false, 'client',   false, '存管账户资金',     'Custodian cash'),
  ('payments_in_transit', 'debit',  false, 'client',   false, '支付在途资金',     'Payments in transit'),
  ('member_available',    'credit', true,  'client',   true,  '会员可用余额',     'Member available'),
  ('member_frozen',       'credit', true,  'client',   true,  '会员冻结金额',     'Member frozen'),
  ('member_experience',   'credit', true,  'platform', true,  '会员体验金',       'Member experience money'),
  ('issuer',              'credit', false, 'client',   true,  '发行机构/产品账户', 'Issuer / product'),
  ('platform_fee_income', 'credit', false, 'platform', false, '平台手续费收入',   'Platform fee income'),
  ('marketing_expense',   'debit',  false, 'platform', false, '营销费用',         'Marketing expense'),
  ('platform_cash',       'debit',  false, 'platform', false, '平台自有资金',     'Platform own cash');

CREATE TABLE ledger_accounts (
  id          bigserial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  kind        text NOT NULL REFERENCES ledger_account_kinds(kind),
  owner_id    text,
  -- Copied from the kind so the balance check needs no join.
  normal_side text NOT NULL,
  floor_zero  boolean NOT NULL,
  balance     bigint NOT NULL DEFAULT 0,
  entry_count bigint NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL,
  CONSTRAINT ledger_accounts_not_negative CHECK (
    NOT floor_zero OR (CASE normal_side WHEN 'credit' THEN -balance ELSE balance END) >= 0
  )
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX ledger_accounts_kind ON ledger_accounts (kind);

CREATE TABLE ledger_transfers (
  id          bigserial PRIMARY KEY,
  -- Idempotency: the same business event always carries the same key and is booked once.
  key         text NOT NULL UNIQUE,
  kind        text NOT NULL,
  memo        text NOT NULL,
  reference   text,
  created_at  timestamptz NOT NULL
);
CREATE INDEX ledger_transfers_reference ON ledger_transfers (reference) WHERE reference IS NOT NULL;

CREATE TABLE ledger_entries (
  id            bigserial PRIMARY KEY,
  transfer_id   bigint NOT NULL REFERENCES ledger_transfers(id),
  account_id    bigint NOT NULL REFERENCES ledger_accounts(id),
  amount        bigint NOT NULL CHECK (amount <> 0),
  -- The account's balance after this entry: statements read it instead of summing history.
  balance_after bigint NOT NULL,
  created_at    timestamptz NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id DESC);
CREATE INDEX ledger_entries_transfer ON ledger_entries (transfer_id);
CREATE INDEX ledger_entries_created ON ledger_entries (created_at, account_id);

CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER ledger_transfers_no_change BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_transfers_no_truncate BEFORE TRUNCATE ON ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

-- Every transfer balances to zero and has at least two entries, checked at COMMIT (after all of
-- its entries are in), so no code path can book a one-sided movement.
CREATE FUNCTION ledger_transfer_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total bigint;
  n     bigint;
BEGIN
  SELECT COALESCE(SUM(amount), 0), COUNT(*) INTO total, n FROM ledger_entries WHERE transfer_id = NEW.id;
  IF total <> 0 OR n < 2 THEN
    RAISE EXCEPTION 'ledger transfer % does not balance (sum %, % entries)', NEW.key, total, n
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER ledger_transfers_balance AFTER INSERT ON ledger_transfers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transfer_balances();

-- End-of-day balances at the Asia/Shanghai day boundary, written by a job, read by reports.
CREATE TABLE ledger_balance_snapshots (
  day         date NOT NULL,
  account_id  bigint NOT NULL REFERENCES ledger_accounts(id),
  balance     bigint NOT NULL,
  taken_at    timestamptz NOT NULL,
  PRIMARY KEY (day, account_id)
);
