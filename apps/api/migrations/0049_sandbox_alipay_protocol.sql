-- The sandbox gateway speaks Alipay's OpenAPI: refunds (alipay.trade.refund) and what a transfer's
-- payee was (alipay.fund.trans.uni.transfer). Tables of apps/api/src/sandbox-gateway only.

-- Refunded so far; the trade reads TRADE_CLOSED once everything is refunded.
ALTER TABLE sandbox_payments ADD COLUMN refunded_fen bigint NOT NULL DEFAULT 0;
ALTER TABLE sandbox_payments ADD CONSTRAINT sandbox_payments_refund_bounds CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen);

-- One row per (trade, out_request_no): repeating a request returns the refund already made.
CREATE TABLE sandbox_refunds (
  trade_no       text NOT NULL REFERENCES sandbox_payments (trade_no),
  out_request_no text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  reason         text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (trade_no, out_request_no)
);
CREATE INDEX sandbox_refunds_created ON sandbox_refunds (created_at);

ALTER TABLE sandbox_payouts ADD COLUMN product_code text NOT NULL DEFAULT 'TRANS_BANKCARD_NO_PWD';
ALTER TABLE sandbox_payouts ADD COLUMN payee_identity_type text NOT NULL DEFAULT 'BANKCARD_ACCOUNT';
