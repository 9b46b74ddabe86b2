-- Daily check-in (签到): one row per member and Shanghai day; a make-up (补签) fills a missed day for
-- points. `streak` is the run of consecutive days ending on that day (recomputed after a make-up).
CREATE TABLE loyalty_checkins (
  member_id uuid NOT NULL,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('daily', 'makeup')),
  streak integer NOT NULL CHECK (streak >= 1),
  points integer NOT NULL CHECK (points >= 0),
  cost integer NOT NULL DEFAULT 0 CHECK (cost >= 0),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (member_id, day)
);
CREATE INDEX loyalty_checkins_makeups ON loyalty_checkins (member_id, created_at) WHERE kind = 'makeup';
