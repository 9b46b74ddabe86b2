-- The newbie journey: the guide (articles, steps and the zone's privileges, edited in the console,
-- draft/published, ordered; `source` says where an entry came from so customer service can feed
-- its top questions in later), the growth tasks (成长任务) with their configurable rewards, and
-- the rewards granted: one row per (member, task), the points granted through loyalty in the
-- same transaction.
CREATE TABLE newbie_guide_entries (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('article', 'step', 'privilege')),
  title         text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 60),
  body          text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  position      integer NOT NULL CHECK (position BETWEEN 0 AND 9999),
  status        text NOT NULL CHECK (status IN ('draft', 'published')),
  source        text NOT NULL CHECK (source IN ('editorial', 'customer_service')),
  source_ref    text CHECK (char_length(source_ref) <= 120),
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_by    text NOT NULL,
  updated_at    timestamptz NOT NULL,
  published_at  timestamptz,
  deleted_at    timestamptz
);
CREATE INDEX newbie_guide_order ON newbie_guide_entries (kind, position, created_at) WHERE deleted_at IS NULL;
-- One entry per customer-service question: feeding the same top question again finds the first draft.
CREATE UNIQUE INDEX newbie_guide_source_ref ON newbie_guide_entries (source, source_ref) WHERE source_ref IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE newbie_tasks (
  code           text PRIMARY KEY CHECK (code IN ('register', 'real_name', 'bind_card', 'first_invest', 'repeat_invest')),
  position       integer NOT NULL,
  reward_points  integer NOT NULL CHECK (reward_points BETWEEN 0 AND 1000000),
  enabled        boolean NOT NULL DEFAULT true,
  updated_by     text,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
INSERT INTO newbie_tasks (code, position, reward_points) VALUES
  ('register', 1, 100),
  ('real_name', 2, 200),
  ('bind_card', 3, 200),
  ('first_invest', 4, 500),
  ('repeat_invest', 5, 1000);

CREATE TABLE newbie_task_rewards (
  member_id   uuid NOT NULL,
  task_code   text NOT NULL REFERENCES newbie_tasks (code),
  points      integer NOT NULL CHECK (points >= 0),
  -- The risk check's answer (risk.assess, use reward_grant): points are granted only on 'allow'.
  decision    text NOT NULL CHECK (decision IN ('allow', 'review', 'deny')),
  event_id    text NOT NULL,
  granted_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, task_code)
);
