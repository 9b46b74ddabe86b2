-- The WeChat Pay API v3 sandbox: a stand-in for api.mch.weixin.qq.com that Quanzi reaches only over
-- signed HTTP at /sandbox/wechatpay/v3/... Its tables carry the sandbox_wxpay_ prefix and are read and
-- written by apps/api/src/sandbox-wechatpay only. Money is integer fen, as WeChat Pay v3 speaks it.

-- The platform's signing key (public-key mode: merchants pin it with its PUB_KEY_ID_… id).
CREATE TABLE sandbox_wxpay_keys (
  name        text PRIMARY KEY,
  public_key  text NOT NULL,
  private_key text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- Merchants: their API certificate serial and public key (for request signatures) and APIv3 key
-- (for encrypting notification resources), uploaded out of band as in the merchant platform.
CREATE TABLE sandbox_wxpay_merchants (
  mchid         text PRIMARY KEY,
  serial_no     text NOT NULL,
  public_key    text NOT NULL,
  api_v3_key    text NOT NULL CHECK (length(api_v3_key) = 32),
  registered_at timestamptz NOT NULL
);

CREATE TABLE sandbox_wxpay_transactions (
  transaction_id text PRIMARY KEY,
  mchid          text NOT NULL REFERENCES sandbox_wxpay_merchants (mchid),
  appid          text NOT NULL,
  out_trade_no   text NOT NULL,
  trade_type     text NOT NULL CHECK (trade_type IN ('NATIVE', 'H5')),
  description    text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  trade_state    text NOT NULL CHECK (trade_state IN ('NOTPAY', 'SUCCESS', 'CLOSED', 'REFUND', 'PAYERROR')),
  notify_url     text NOT NULL,
  -- The token in code_url / h5_url that opens this transaction's cashier page.
  cashier_token  text NOT NULL UNIQUE,
  payer_openid   text,
  created_at     timestamptz NOT NULL,
  success_time   timestamptz,
  UNIQUE (mchid, out_trade_no)
);
CREATE INDEX sandbox_wxpay_transactions_success ON sandbox_wxpay_transactions (success_time) WHERE success_time IS NOT NULL;

CREATE TABLE sandbox_wxpay_refunds (
  refund_id      text PRIMARY KEY,
  mchid          text NOT NULL REFERENCES sandbox_wxpay_merchants (mchid),
  out_refund_no  text NOT NULL,
  transaction_id text NOT NULL REFERENCES sandbox_wxpay_transactions (transaction_id),
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  status         text NOT NULL CHECK (status IN ('PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED')),
  reason         text,
  notify_url     text,
  created_at     timestamptz NOT NULL,
  process_at     timestamptz NOT NULL,
  success_time   timestamptz,
  UNIQUE (mchid, out_refund_no)
);
CREATE INDEX sandbox_wxpay_refunds_due ON sandbox_wxpay_refunds (process_at) WHERE status = 'PROCESSING';

-- 商家转账到零钱 (transfer batches): one batch per payout, one detail per batch.
CREATE TABLE sandbox_wxpay_transfers (
  batch_id       text PRIMARY KEY,
  mchid          text NOT NULL REFERENCES sandbox_wxpay_merchants (mchid),
  appid          text NOT NULL,
  out_batch_no   text NOT NULL,
  batch_name     text NOT NULL,
  detail_id      text NOT NULL,
  out_detail_no  text NOT NULL,
  openid         text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  batch_status   text NOT NULL CHECK (batch_status IN ('ACCEPTED', 'PROCESSING', 'FINISHED', 'CLOSED')),
  detail_status  text NOT NULL CHECK (detail_status IN ('PROCESSING', 'SUCCESS', 'FAIL')),
  fail_reason    text,
  notify_url     text,
  created_at     timestamptz NOT NULL,
  process_at     timestamptz NOT NULL,
  finished_at    timestamptz,
  UNIQUE (mchid, out_batch_no)
);
CREATE INDEX sandbox_wxpay_transfers_due ON sandbox_wxpay_transfers (process_at) WHERE batch_status IN ('ACCEPTED', 'PROCESSING');

-- Notifications: the envelope is built once (its id is the notification id); each delivery attempt
-- encrypts and signs afresh (new nonce and timestamp), as WeChat Pay does.
CREATE TABLE sandbox_wxpay_notifications (
  id              text PRIMARY KEY,
  mchid           text NOT NULL REFERENCES sandbox_wxpay_merchants (mchid),
  target_url      text NOT NULL,
  event_type      text NOT NULL,
  summary         text NOT NULL,
  original_type   text NOT NULL,
  resource        jsonb NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  gave_up_at      timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX sandbox_wxpay_notifications_due ON sandbox_wxpay_notifications (next_attempt_at)
  WHERE acknowledged_at IS NULL AND gave_up_at IS NULL;
