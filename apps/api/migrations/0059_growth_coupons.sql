-- Coupons (优惠券) granted by campaigns: 加息券 (rate boost, paid as cash at purchase from marketing
-- expense, capped) and 满减 (cash back on a purchase at least the threshold). Used once: a
-- conditional update from 'available' in the purchase's transaction.
CREATE TABLE growth_coupons (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id      uuid NOT NULL,
  campaign_id    uuid NOT NULL REFERENCES growth_campaigns (id),
  grant_id       uuid NOT NULL REFERENCES growth_grants (id),
  effect_index   integer NOT NULL,
  type           text NOT NULL CHECK (type IN ('rate_boost', 'cash_back')),
  boost_bps      integer CHECK (boost_bps > 0),
  days           integer CHECK (days > 0),
  min_amount     bigint,
  max_cost       bigint,
  threshold      bigint,
  amount         bigint,
  product_ids    uuid[] NOT NULL DEFAULT '{}',
  product_types  text[] NOT NULL DEFAULT '{}',
  status         text NOT NULL CHECK (status IN ('available', 'used')),
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz,
  used_order_id  uuid,
  paid           bigint,
  created_at     timestamptz NOT NULL,
  UNIQUE (grant_id, effect_index),
  CHECK (type <> 'rate_boost' OR (boost_bps IS NOT NULL AND days IS NOT NULL AND max_cost IS NOT NULL)),
  CHECK (type <> 'cash_back' OR (threshold IS NOT NULL AND amount IS NOT NULL)),
  CHECK ((status = 'used') = (used_at IS NOT NULL))
);
CREATE INDEX growth_coupons_member ON growth_coupons (member_id, created_at DESC);
