-- Growth campaigns (营销活动) stored as data: trigger → conditions → effects (or tiers by amount),
-- budgets spent by conditional updates (never oversold), one grant per (campaign, source event)
-- with the risk decision it got, per-member counters and per-Shanghai-day spend (budgets and the
-- burn-down), the trigger events growth has seen (dry-run preview, first-time conditions), badges.
CREATE TABLE growth_campaigns (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  trigger          text NOT NULL,
  conditions       jsonb NOT NULL,
  effects          jsonb NOT NULL,
  tiers            jsonb NOT NULL,
  budget_money     bigint CHECK (budget_money > 0),
  budget_count     integer CHECK (budget_count > 0),
  daily_money      bigint CHECK (daily_money > 0),
  daily_count      integer CHECK (daily_count > 0),
  per_member_limit integer CHECK (per_member_limit > 0),
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('active', 'paused', 'exhausted')),
  spent_money      bigint NOT NULL DEFAULT 0,
  granted_count    integer NOT NULL DEFAULT 0,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  CHECK (budget_money IS NOT NULL OR budget_count IS NOT NULL),
  -- The budget is the hard stop: a grant that would pass it is never booked.
  CHECK (budget_money IS NULL OR spent_money <= budget_money),
  CHECK (budget_count IS NULL OR granted_count <= budget_count)
);
CREATE INDEX growth_campaigns_trigger ON growth_campaigns (trigger) WHERE status = 'active';

CREATE TABLE growth_campaign_days (
  campaign_id  uuid NOT NULL REFERENCES growth_campaigns (id),
  day          date NOT NULL,
  spent_money  bigint NOT NULL DEFAULT 0,
  count        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (campaign_id, day)
);

CREATE TABLE growth_member_counts (
  campaign_id  uuid NOT NULL REFERENCES growth_campaigns (id),
  member_id    uuid NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (campaign_id, member_id)
);

CREATE TABLE growth_grants (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id   uuid NOT NULL REFERENCES growth_campaigns (id),
  event_id      uuid NOT NULL,
  member_id     uuid NOT NULL,
  status        text NOT NULL CHECK (status IN ('granted', 'review', 'denied', 'member_limit', 'budget_exhausted')),
  tier          integer,
  cost          bigint NOT NULL,
  risk_decision_id uuid,
  risk_decision text,
  risk_score    integer,
  risk_rule_set text,
  effects       jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  UNIQUE (campaign_id, event_id)
);
CREATE INDEX growth_grants_campaign ON growth_grants (campaign_id, created_at DESC);

CREATE TABLE growth_events (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  member_id    uuid NOT NULL,
  payload      jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL
);
CREATE INDEX growth_events_recent ON growth_events (name, occurred_at);
CREATE INDEX growth_events_member ON growth_events (member_id, name, occurred_at);

CREATE TABLE growth_badges (
  member_id    uuid NOT NULL,
  code         text NOT NULL,
  name         text NOT NULL,
  campaign_id  uuid NOT NULL,
  granted_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, code)
);
