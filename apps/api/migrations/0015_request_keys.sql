-- The Idempotency-Key of the request that created an order, so that even a retry after a crash
-- between the business commit and the stored response finds the first order instead of making a second.
ALTER TABLE wallet_orders ADD COLUMN request_key text;
CREATE UNIQUE INDEX wallet_orders_request_key ON wallet_orders (member_id, request_key) WHERE request_key IS NOT NULL;
ALTER TABLE invest_orders ADD COLUMN request_key text;
CREATE UNIQUE INDEX invest_orders_request_key ON invest_orders (member_id, request_key) WHERE request_key IS NOT NULL;
