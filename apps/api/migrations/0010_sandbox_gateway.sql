-- The sandbox payment gateway: a stand-in for Alipay that Quanzi reaches only over signed HTTP.
-- Its tables carry the sandbox_ prefix and are read and written by apps/api/src/sandbox-gateway only.
-- Money is integer fen (bigint); the gateway speaks yuan strings only on the wire.

-- The gateway's own RSA key pair, generated once so merchants can pin its public key across restarts.
CREATE TABLE sandbox_keys (
  name        text PRIMARY KEY,
  public_key  text NOT NULL,
  private_key text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- Merchants and the public keys they uploaded (out of band, like Alipay's open-platform console).
CREATE TABLE sandbox_merchants (
  app_id        text PRIMARY KEY,
  public_key    text NOT NULL,
  registered_at timestamptz NOT NULL
);

CREATE TABLE sandbox_payments (
  trade_no     text PRIMARY KEY,
  app_id       text NOT NULL REFERENCES sandbox_merchants (app_id),
  out_trade_no text NOT NULL,
  amount_fen   bigint NOT NULL CHECK (amount_fen > 0),
  subject      text NOT NULL,
  status       text NOT NULL CHECK (status IN ('WAIT_BUYER_PAY', 'TRADE_SUCCESS', 'TRADE_CLOSED')),
  notify_url   text,
  return_url   text,
  created_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  -- A merchant's order number identifies one trade: repeating it returns that trade.
  UNIQUE (app_id, out_trade_no)
);
CREATE INDEX sandbox_payments_finished ON sandbox_payments (finished_at) WHERE status = 'TRADE_SUCCESS';

CREATE TABLE sandbox_payouts (
  order_id          text PRIMARY KEY,
  app_id            text NOT NULL REFERENCES sandbox_merchants (app_id),
  out_biz_no        text NOT NULL,
  amount_fen        bigint NOT NULL CHECK (amount_fen > 0),
  payee_card_last4  text NOT NULL,
  payee_name_masked text NOT NULL,
  status            text NOT NULL CHECK (status IN ('DEALING', 'SUCCESS', 'FAIL')),
  fail_reason       text,
  notify_url        text,
  created_at        timestamptz NOT NULL,
  -- When the delivery loop settles a payout nobody settled by hand (the bank "answers").
  process_at        timestamptz NOT NULL,
  finished_at       timestamptz,
  UNIQUE (app_id, out_biz_no)
);
CREATE INDEX sandbox_payouts_due ON sandbox_payouts (process_at) WHERE status = 'DEALING';
CREATE INDEX sandbox_payouts_finished ON sandbox_payouts (finished_at) WHERE status = 'SUCCESS';

-- Asynchronous callbacks to merchants; params are stored unsigned and signed at each attempt.
CREATE TABLE sandbox_notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notify_id       text NOT NULL UNIQUE,
  target_url      text NOT NULL,
  params          jsonb NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  gave_up_at      timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX sandbox_notifications_due ON sandbox_notifications (next_attempt_at)
  WHERE acknowledged_at IS NULL AND gave_up_at IS NULL;

-- Reconciliation test hooks: what the downloaded bill shows differs from the trades themselves.
CREATE TABLE sandbox_bill_overrides (
  trade_no   text PRIMARY KEY,
  dropped    boolean NOT NULL DEFAULT false,
  amount_fen bigint,
  updated_at timestamptz NOT NULL
);

-- Rows that appear in a bill without any trade behind them; app_id NULL means every merchant's bill.
CREATE TABLE sandbox_bill_extras (
  trade_no     text PRIMARY KEY,
  app_id       text,
  out_trade_no text NOT NULL,
  amount_fen   bigint NOT NULL,
  finished_at  timestamptz NOT NULL
);
CREATE INDEX sandbox_bill_extras_finished ON sandbox_bill_extras (finished_at);
