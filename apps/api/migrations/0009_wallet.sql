-- Wallet orders: top-ups (money in from the member's own card through the payment gateway) and
-- withdrawals (money out to the member's own card). Money itself lives in the ledger; an order is
-- the business record whose state only moves forward.
CREATE TABLE wallet_orders (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id        uuid NOT NULL,
  type             text NOT NULL CHECK (type IN ('top_up', 'withdrawal')),
  amount           bigint NOT NULL CHECK (amount > 0),
  -- The member's own bound card (同卡进出); kept as shown, never the full number.
  card_id          uuid NOT NULL,
  card_masked      text NOT NULL,
  bank_name        text NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'held', 'reviewing', 'paying', 'succeeded', 'failed', 'closed', 'rejected')),
  gateway_ref      text,
  pay_url          text,
  -- What the gateway reported, when it differs from what we asked for (held for review).
  reported_amount  bigint,
  failure_reason   text,
  review_note      text,
  reviewed_by      text,
  reviewed_at      timestamptz,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  completed_at     timestamptz,
  -- Reconciliation: when the gateway's daily bill confirmed this order.
  settled_at       timestamptz,
  CONSTRAINT wallet_orders_status_by_type CHECK (
    (type = 'top_up' AND status IN ('pending', 'held', 'succeeded', 'closed'))
    OR (type = 'withdrawal' AND status IN ('reviewing', 'paying', 'succeeded', 'failed', 'rejected'))
  )
);
CREATE INDEX wallet_orders_member ON wallet_orders (member_id, created_at DESC);
CREATE INDEX wallet_orders_status ON wallet_orders (status, created_at);
CREATE INDEX wallet_orders_completed ON wallet_orders (completed_at) WHERE completed_at IS NOT NULL;

-- Every callback the gateway sent, once: a duplicate with the same event id is acknowledged and ignored.
CREATE TABLE wallet_gateway_events (
  event_id     text PRIMARY KEY,
  order_id     uuid,
  kind         text NOT NULL,
  outcome      text NOT NULL,
  params       jsonb NOT NULL,
  received_at  timestamptz NOT NULL
);
CREATE INDEX wallet_gateway_events_order ON wallet_gateway_events (order_id, received_at);

-- Callbacks that failed signature verification or could not be matched: kept for investigation.
CREATE TABLE wallet_callback_rejections (
  id           bigserial PRIMARY KEY,
  reason       text NOT NULL,
  params       jsonb NOT NULL,
  ip           text,
  received_at  timestamptz NOT NULL
);

-- Daily reconciliation against the gateway's bill.
CREATE TABLE wallet_recon_runs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bill_date    date NOT NULL,
  bill_lines   integer NOT NULL,
  matched      integer NOT NULL,
  mismatches   integer NOT NULL,
  ran_at       timestamptz NOT NULL,
  ran_by       text NOT NULL
);
CREATE INDEX wallet_recon_runs_date ON wallet_recon_runs (bill_date DESC, ran_at DESC);

CREATE TABLE wallet_recon_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id        uuid NOT NULL REFERENCES wallet_recon_runs(id),
  bill_date     date NOT NULL,
  problem       text NOT NULL CHECK (problem IN ('missing_in_bill', 'missing_in_orders', 'amount_mismatch')),
  order_id      uuid,
  gateway_ref   text,
  our_amount    bigint,
  bill_amount   bigint,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution    text,
  note          text,
  resolved_by   text,
  resolved_at   timestamptz,
  -- One open item per problem and order/reference: re-running a day does not duplicate them.
  UNIQUE (bill_date, problem, gateway_ref)
);
CREATE INDEX wallet_recon_items_open ON wallet_recon_items (status, bill_date DESC);

-- The merchant credentials for each payment gateway: our RSA2 key pair (private half encrypted)
-- and the gateway's public key, exchanged once out of band as with Alipay's open platform.
CREATE TABLE wallet_gateway_credentials (
  gateway              text PRIMARY KEY,
  app_id               text NOT NULL,
  merchant_private_enc text NOT NULL,
  merchant_public_key  text NOT NULL,
  gateway_public_key   text NOT NULL,
  created_at           timestamptz NOT NULL
);
