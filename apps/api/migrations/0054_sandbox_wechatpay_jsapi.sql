-- The WeChat Pay sandbox also takes JSAPI orders (paid inside WeChat with the payer's openid).
ALTER TABLE sandbox_wxpay_transactions DROP CONSTRAINT sandbox_wxpay_transactions_trade_type_check;
ALTER TABLE sandbox_wxpay_transactions ADD CONSTRAINT sandbox_wxpay_transactions_trade_type_check
  CHECK (trade_type IN ('NATIVE', 'H5', 'JSAPI'));
