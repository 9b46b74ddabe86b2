-- Newbie-only products (新手专享): only a member without a prior cash investment may buy one.
-- Enforced in investing's purchase transaction, under a per-member lock taken by every purchase.
ALTER TABLE invest_products ADD COLUMN newbie_only boolean NOT NULL DEFAULT false;
CREATE INDEX invest_products_newbie ON invest_products (created_at DESC) WHERE newbie_only;
CREATE INDEX invest_orders_member_cash ON invest_orders (member_id) WHERE funded_by = 'cash';
