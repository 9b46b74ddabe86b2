-- Every risk decision Quanzi takes (reward grants, referral rewards, withdrawals, logins, transfers,
-- red packets, loans …) is recorded in the transaction of the business change it decides on, with the
-- rule-set version and the reasons, so a risk officer can read why anything was allowed or refused.
CREATE TABLE risk_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  use text NOT NULL,
  ref text NOT NULL,
  member_id uuid NOT NULL,
  amount bigint,
  decision text NOT NULL CHECK (decision IN ('allow', 'review', 'deny')),
  score integer NOT NULL,
  reasons jsonb NOT NULL DEFAULT '[]',
  rule_set text NOT NULL,
  context jsonb NOT NULL DEFAULT '{}',
  decided_at timestamptz NOT NULL,
  UNIQUE (use, ref)
);
CREATE INDEX risk_decisions_member ON risk_decisions (member_id, decided_at DESC);
CREATE INDEX risk_decisions_open ON risk_decisions (decided_at DESC) WHERE decision <> 'allow';
