-- Payment channels: a top-up goes through the provider the member chose (alipay, wechat), a
-- withdrawal through the payout channel; reconciliation runs per channel. Refunds of top-ups.

ALTER TABLE wallet_orders ADD COLUMN channel text NOT NULL DEFAULT 'alipay';
ALTER TABLE wallet_recon_runs ADD COLUMN channel text NOT NULL DEFAULT 'alipay';
ALTER TABLE wallet_recon_items ADD COLUMN channel text NOT NULL DEFAULT 'alipay';

-- A refund of (part of) a paid top-up, back to where it came from. The member's money is frozen
-- when it is requested and leaves when the provider confirms; refunds of one order never sum to more
-- than was credited (checked under the order's row lock).
CREATE TABLE wallet_refunds (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id        uuid NOT NULL REFERENCES wallet_orders (id),
  member_id       uuid NOT NULL,
  channel         text NOT NULL,
  amount          bigint NOT NULL CHECK (amount > 0),
  status          text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  reason          text NOT NULL,
  -- The console request's Idempotency-Key: a retry finds this refund, never a second one.
  request_key     text NOT NULL,
  requested_by    text NOT NULL,
  gateway_ref     text,
  failure_reason  text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  completed_at    timestamptz,
  settled_at      timestamptz,
  UNIQUE (order_id, request_key)
);
CREATE INDEX wallet_refunds_order ON wallet_refunds (order_id, created_at);
CREATE INDEX wallet_refunds_pending ON wallet_refunds (updated_at) WHERE status = 'pending';
CREATE INDEX wallet_refunds_completed ON wallet_refunds (completed_at) WHERE status = 'succeeded';
