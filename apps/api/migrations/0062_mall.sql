-- Points mall (积分商城): items with stock (conditional decrement, never negative) and per-member
-- limits; exchange orders keyed by the request's Idempotency-Key; physical items ship, virtual ones
-- grant at once.
CREATE TABLE mall_items (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  description       text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  kind              text NOT NULL CHECK (kind IN ('physical', 'virtual')),
  -- what a virtual item grants: {kind:'lottery_chances', wheelId, count} | {kind:'experience', amount, days} | {kind:'coupon', couponRef}
  grant_spec        jsonb,
  points_price      integer NOT NULL CHECK (points_price > 0),
  stock             integer NOT NULL CHECK (stock >= 0),
  per_member_limit  integer CHECK (per_member_limit IS NULL OR per_member_limit > 0),
  status            text NOT NULL CHECK (status IN ('on_sale', 'off_sale')),
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK ((kind = 'virtual') = (grant_spec IS NOT NULL))
);

CREATE TABLE mall_orders (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id         uuid NOT NULL,
  item_id           uuid NOT NULL REFERENCES mall_items (id),
  quantity          integer NOT NULL CHECK (quantity > 0),
  points            integer NOT NULL CHECK (points > 0),
  status            text NOT NULL CHECK (status IN ('granted', 'to_ship', 'shipped', 'delivered')),
  address_enc       text,
  carrier           text,
  tracking          text,
  idempotency_key   text NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  UNIQUE (member_id, idempotency_key)
);
CREATE INDEX mall_orders_member ON mall_orders (member_id, created_at DESC);
CREATE INDEX mall_orders_member_item ON mall_orders (member_id, item_id);
CREATE INDEX mall_orders_status ON mall_orders (status, created_at);
