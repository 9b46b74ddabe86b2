-- Quanzi's WeChat Pay adapter (apps/api/src/platform/payments/wechatpay): the nonces of verified
-- notifications within the accepted timestamp window. A nonce seen again on a different
-- notification is a replay and is refused; the same notification delivered again passes on to the
-- wallet's deduplication by notification id. Rows older than the window are purged as they age.
CREATE TABLE wechatpay_notify_nonces (
  nonce           text PRIMARY KEY,
  notification_id text NOT NULL,
  seen_at         timestamptz NOT NULL
);
CREATE INDEX wechatpay_notify_nonces_seen ON wechatpay_notify_nonces (seen_at);
