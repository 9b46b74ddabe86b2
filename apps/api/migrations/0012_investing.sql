-- Investing: products issued by partner institutions and distributed by Quanzi. Returns come from
-- the issuer (declared, then passed on exactly); the platform pays only marketing (experience money).

-- Experience money (体验金) that is invested sits here until the holding expires: still the
-- platform's marketing money, never withdrawable, never the issuer's.
INSERT INTO ledger_account_kinds VALUES
  ('member_experience_invested', 'credit', true, 'platform', true, '体验金在投', 'Experience money invested');

CREATE TABLE invest_issuers (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  kind        text NOT NULL CHECK (kind IN ('wealth_management', 'fund', 'insurance', 'trust')),
  license_no  text NOT NULL,
  custodian   text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE invest_products (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE,
  name                text NOT NULL,
  issuer_id           uuid NOT NULL REFERENCES invest_issuers(id),
  type                text NOT NULL CHECK (type IN ('demand', 'fixed')),
  risk_level          smallint NOT NULL CHECK (risk_level BETWEEN 1 AND 5),
  -- 业绩比较基准, annualised, in basis points: a reference, never a promise.
  benchmark_bps       integer NOT NULL CHECK (benchmark_bps BETWEEN 0 AND 5000),
  term_min_days       integer CHECK (term_min_days > 0),
  term_max_days       integer CHECK (term_max_days >= term_min_days),
  min_amount          bigint NOT NULL CHECK (min_amount > 0),
  max_per_person      bigint NOT NULL CHECK (max_per_person >= min_amount),
  total_quota         bigint NOT NULL CHECK (total_quota > 0),
  sold_amount         bigint NOT NULL DEFAULT 0,
  -- Demand products: redemptions up to this per member per day arrive at once (T+0), the rest next day.
  t0_daily_limit      bigint NOT NULL DEFAULT 1000000,
  experience_allowed  boolean NOT NULL DEFAULT false,
  sale_starts_at      timestamptz NOT NULL,
  sale_ends_at        timestamptz NOT NULL CHECK (sale_ends_at > sale_starts_at),
  status              text NOT NULL CHECK (status IN ('draft', 'on_sale', 'sold_out', 'closed')),
  disclosures         jsonb NOT NULL,
  contract_version    text NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  -- The quota is never oversold: the only write to sold_amount is a conditional increment.
  CONSTRAINT invest_products_quota CHECK (sold_amount BETWEEN 0 AND total_quota),
  CONSTRAINT invest_products_terms CHECK ((type = 'fixed') = (term_min_days IS NOT NULL AND term_max_days IS NOT NULL))
);
CREATE INDEX invest_products_status ON invest_products (status, sale_starts_at);

CREATE TABLE invest_orders (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id          uuid NOT NULL,
  product_id         uuid NOT NULL REFERENCES invest_products(id),
  amount             bigint NOT NULL CHECK (amount > 0),
  funded_by          text NOT NULL CHECK (funded_by IN ('cash', 'experience')),
  term_days          integer,
  -- Where the purchase came from (a group message's product card, a campaign, a push): attribution.
  source             text,
  -- What the member accepted for this purchase: the risk disclosure and this contract version.
  contract_version   text NOT NULL,
  risk_accepted_at   timestamptz NOT NULL,
  created_at         timestamptz NOT NULL
);
CREATE INDEX invest_orders_member ON invest_orders (member_id, created_at DESC);
CREATE INDEX invest_orders_product ON invest_orders (product_id, created_at DESC);

CREATE TABLE invest_holdings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id       uuid NOT NULL,
  product_id      uuid NOT NULL REFERENCES invest_products(id),
  order_id        uuid NOT NULL REFERENCES invest_orders(id),
  type            text NOT NULL CHECK (type IN ('demand', 'fixed')),
  funded_by       text NOT NULL CHECK (funded_by IN ('cash', 'experience')),
  principal       bigint NOT NULL CHECK (principal >= 0),
  -- Exact cumulative earnings in units of 10^-8 fen (principal fen × 万份收益 units); credited
  -- earnings are always floor(accrued_e8 / 10^8) — the cumulative-floor rule.
  accrued_e8      numeric(40, 0) NOT NULL DEFAULT 0,
  credited        bigint NOT NULL DEFAULT 0,
  last_accrued_on date,
  value_date      date NOT NULL,
  term_days       integer,
  maturity_date   date,
  expires_at      timestamptz,
  status          text NOT NULL CHECK (status IN ('holding', 'matured', 'redeemed', 'expired')),
  paid_return     bigint,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX invest_holdings_member ON invest_holdings (member_id, created_at DESC);
CREATE INDEX invest_holdings_accrual ON invest_holdings (product_id, status, id);
CREATE INDEX invest_holdings_maturity ON invest_holdings (maturity_date) WHERE status = 'holding' AND type = 'fixed';

-- 万份收益 declared by the issuer for a demand product and day, in units of 0.0001 yuan per 10,000 yuan.
CREATE TABLE invest_demand_yields (
  product_id     uuid NOT NULL REFERENCES invest_products(id),
  day            date NOT NULL,
  per_10k_units  bigint NOT NULL CHECK (per_10k_units >= 0 AND per_10k_units <= 100000),
  declared_by    text NOT NULL,
  declared_at    timestamptz NOT NULL,
  credited_at    timestamptz,
  PRIMARY KEY (product_id, day)
);

-- The actual annualised return the issuer declares for fixed-term holdings maturing on a day.
CREATE TABLE invest_fixed_returns (
  product_id     uuid NOT NULL REFERENCES invest_products(id),
  maturity_date  date NOT NULL,
  actual_bps     integer NOT NULL CHECK (actual_bps BETWEEN 0 AND 5000),
  declared_by    text NOT NULL,
  declared_at    timestamptz NOT NULL,
  PRIMARY KEY (product_id, maturity_date)
);

-- One row per holding and day with earnings credited: the member's earnings history and curve.
CREATE TABLE invest_earnings (
  holding_id  uuid NOT NULL REFERENCES invest_holdings(id),
  member_id   uuid NOT NULL,
  day         date NOT NULL,
  amount      bigint NOT NULL,
  PRIMARY KEY (holding_id, day)
);
CREATE INDEX invest_earnings_member ON invest_earnings (member_id, day DESC);

CREATE TABLE invest_redemptions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  holding_id   uuid NOT NULL REFERENCES invest_holdings(id),
  member_id    uuid NOT NULL,
  amount       bigint NOT NULL CHECK (amount > 0),
  speed        text NOT NULL CHECK (speed IN ('t0', 't1')),
  status       text NOT NULL CHECK (status IN ('pending', 'settled')),
  settle_on    date NOT NULL,
  created_at   timestamptz NOT NULL,
  settled_at   timestamptz
);
CREATE INDEX invest_redemptions_pending ON invest_redemptions (settle_on) WHERE status = 'pending';
CREATE INDEX invest_redemptions_member_day ON invest_redemptions (member_id, holding_id, created_at);

-- Experience money granted by campaigns; used first-expiring first.
CREATE TABLE invest_experience_grants (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id    uuid NOT NULL,
  amount       bigint NOT NULL CHECK (amount > 0),
  remaining    bigint NOT NULL CHECK (remaining >= 0),
  reason       text NOT NULL,
  grant_key    text NOT NULL UNIQUE,
  expires_at   timestamptz NOT NULL,
  status       text NOT NULL CHECK (status IN ('active', 'expired')),
  created_at   timestamptz NOT NULL
);
CREATE INDEX invest_experience_grants_member ON invest_experience_grants (member_id, expires_at) WHERE status = 'active';
CREATE INDEX invest_experience_grants_expiry ON invest_experience_grants (expires_at) WHERE status = 'active';

-- Monthly disclosure figures, frozen by a job so published history never changes.
CREATE TABLE invest_disclosure_snapshots (
  month      text PRIMARY KEY,
  figures    jsonb NOT NULL,
  taken_at   timestamptz NOT NULL
);
