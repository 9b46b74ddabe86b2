-- Risk control (风控): signals, links and rings, versioned rules, reviews, monitoring cases, retention.
-- Every value that names a person (device, IP subnet, card, ID) is a keyed hash, never the raw value.

-- What a shadow rule version would have decided, next to the decision the version in force took.
ALTER TABLE risk_decisions ADD COLUMN rule_version integer;
ALTER TABLE risk_decisions ADD COLUMN shadow jsonb;

-- A member was seen with an attribute (kind: device, ip24, region, card, id_number).
CREATE TABLE risk_attributes (
  member_id uuid NOT NULL,
  kind text NOT NULL,
  value_hash text NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  PRIMARY KEY (member_id, kind, value_hash)
);
CREATE INDEX risk_attributes_value ON risk_attributes (kind, value_hash, last_seen DESC);

-- Two members tied by a shared attribute or a referral (member_a < member_b), typed and time-stamped.
CREATE TABLE risk_links (
  member_a uuid NOT NULL,
  member_b uuid NOT NULL,
  kind text NOT NULL,
  weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  PRIMARY KEY (member_a, member_b, kind),
  CHECK (member_a < member_b)
);
CREATE INDEX risk_links_b ON risk_links (member_b);

-- The ring (connected component of strong links) each member is in; ring_id is its smallest member id.
CREATE TABLE risk_ring_members (
  member_id uuid PRIMARY KEY,
  ring_id uuid NOT NULL
);
CREATE INDEX risk_ring_members_ring ON risk_ring_members (ring_id);

-- Families sharing a device or a flat: links between members of one household do not count.
CREATE TABLE risk_households (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  reason text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE risk_household_members (
  member_id uuid PRIMARY KEY,
  household_id uuid NOT NULL REFERENCES risk_households (id)
);

-- Behaviour the rules read: rewards, top-ups, withdrawals, investments, registrations, card bindings.
CREATE TABLE risk_facts (
  id bigserial PRIMARY KEY,
  ref text NOT NULL UNIQUE,
  member_id uuid NOT NULL,
  kind text NOT NULL,
  amount bigint,
  product_id uuid,
  value_hash text,
  at timestamptz NOT NULL
);
CREATE INDEX risk_facts_member ON risk_facts (member_id, kind, at);
CREATE INDEX risk_facts_kind_at ON risk_facts (kind, at);

-- Rule versions: draft → active (one) | shadow (at most one) → retired. Rules are data, never code.
-- v1 decides money and rewards; logins are stepped up only by rules written for `login`.
CREATE TABLE risk_rule_versions (
  version integer PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'shadow', 'retired')),
  rules jsonb NOT NULL,
  thresholds jsonb NOT NULL,
  note text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  activated_at timestamptz
);
CREATE UNIQUE INDEX risk_rule_versions_one_active ON risk_rule_versions (status) WHERE status IN ('active', 'shadow');
INSERT INTO risk_rule_versions (version, status, rules, thresholds, note, created_at, activated_at) VALUES (
  1, 'active',
  '[
    {"id":"ring","signal":"ring_size","atLeast":3,"weight":50,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"shared_device","signal":"shared_device_accounts","atLeast":2,"weight":30,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"shared_card","signal":"shared_card_accounts","atLeast":1,"weight":40,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"shared_id","signal":"shared_id_accounts","atLeast":1,"weight":60,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"claim_and_leave","signal":"claim_and_leave","atLeast":1,"weight":60,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"registration_velocity","signal":"registration_velocity","atLeast":5,"weight":30,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"newbie_minimum_burst","signal":"newbie_minimum_burst","atLeast":5,"weight":30,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]},
    {"id":"rapid_cycle","signal":"rapid_cycle","atLeast":2,"weight":30,"uses":["reward_grant","referral_reward","withdrawal","transfer","red_packet","merchant_payment","loan_application","loan_funding"]}
  ]'::jsonb,
  '{"review":40,"deny":80}'::jsonb,
  '初始规则集', now(), now()
);

-- Decisions waiting for a risk officer: confirm (refuse), whitelist (a false positive: allow), escalate.
CREATE TABLE risk_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  decision_id uuid NOT NULL UNIQUE REFERENCES risk_decisions (id),
  member_id uuid NOT NULL,
  use text NOT NULL,
  ref text NOT NULL,
  amount bigint,
  status text NOT NULL CHECK (status IN ('open', 'escalated', 'confirmed', 'whitelisted')),
  reason text,
  decided_by uuid,
  decided_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX risk_reviews_open ON risk_reviews (created_at) WHERE status IN ('open', 'escalated');

-- Members a risk officer cleared: every later decision allows, with the clearance as its reason.
CREATE TABLE risk_member_whitelist (
  member_id uuid PRIMARY KEY,
  reason text NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);

-- Transaction monitoring cases (大额/可疑交易): open → investigating → reported → closed.
CREATE TABLE risk_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key text NOT NULL UNIQUE,
  kind text NOT NULL,
  member_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'investigating', 'reported', 'closed')),
  summary text NOT NULL,
  evidence jsonb NOT NULL,
  opened_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX risk_cases_status ON risk_cases (status, opened_at DESC);
CREATE TABLE risk_case_events (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES risk_cases (id),
  status text NOT NULL,
  note text NOT NULL,
  operator_id uuid,
  at timestamptz NOT NULL
);

-- Closed accounts: records are kept five years after closure, then purged by the retention job.
CREATE TABLE risk_closures (
  member_id uuid PRIMARY KEY,
  closed_at timestamptz NOT NULL,
  purged_at timestamptz
);
