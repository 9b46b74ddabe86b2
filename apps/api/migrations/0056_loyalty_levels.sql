-- Member levels (会员等级): growth value from investment, activity and tenure; the rules (thresholds and
-- privileges) are edited in the console; each member's level is re-evaluated on events and nightly.
CREATE TABLE loyalty_level_rules (
  level smallint PRIMARY KEY CHECK (level BETWEEN 0 AND 20),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  min_growth integer NOT NULL CHECK (min_growth >= 0),
  -- {"withdrawalFeeWaiver":bool,"exclusiveProducts":bool,"liveSeats":bool,"lotteryWeight":100..1000}
  privileges jsonb NOT NULL DEFAULT '{}',
  updated_by uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO loyalty_level_rules (level, name_zh, name_en, min_growth, privileges) VALUES
  (0, '普通会员', 'Member', 0, '{"withdrawalFeeWaiver":false,"exclusiveProducts":false,"liveSeats":false,"lotteryWeight":100}'),
  (1, '白银会员', 'Silver', 100, '{"withdrawalFeeWaiver":false,"exclusiveProducts":false,"liveSeats":false,"lotteryWeight":110}'),
  (2, '黄金会员', 'Gold', 500, '{"withdrawalFeeWaiver":true,"exclusiveProducts":false,"liveSeats":true,"lotteryWeight":120}'),
  (3, '铂金会员', 'Platinum', 2000, '{"withdrawalFeeWaiver":true,"exclusiveProducts":true,"liveSeats":true,"lotteryWeight":150}'),
  (4, '钻石会员', 'Diamond', 10000, '{"withdrawalFeeWaiver":true,"exclusiveProducts":true,"liveSeats":true,"lotteryWeight":200}');

-- Growth that counts for a year: investment (per ¥100 invested) and activity (check-ins, answers, live).
CREATE TABLE loyalty_growth_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('investment', 'activity')),
  growth integer NOT NULL CHECK (growth > 0),
  ref text NOT NULL UNIQUE,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX loyalty_growth_events_member ON loyalty_growth_events (member_id, occurred_at);

CREATE TABLE loyalty_member_levels (
  member_id uuid PRIMARY KEY,
  level smallint NOT NULL,
  growth integer NOT NULL,
  investment_growth integer NOT NULL,
  activity_growth integer NOT NULL,
  tenure_growth integer NOT NULL,
  level_since timestamptz NOT NULL,
  evaluated_at timestamptz NOT NULL
);
CREATE INDEX loyalty_member_levels_evaluated ON loyalty_member_levels (evaluated_at);

CREATE TABLE loyalty_level_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id uuid NOT NULL,
  from_level smallint,
  to_level smallint NOT NULL,
  growth integer NOT NULL,
  cause text NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX loyalty_level_changes_member ON loyalty_level_changes (member_id, id DESC);
