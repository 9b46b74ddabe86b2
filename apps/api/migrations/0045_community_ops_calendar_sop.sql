-- The content calendar (posts by the official account on a schedule, Asia/Shanghai) with the
-- posts it made — which are also what the near-duplicate warning compares new content against —
-- and SOP templates: per group stage (applying one schedules calendar entries) and per member
-- lifecycle (applying one to a group schedules day-N messages for every member who joins after).
CREATE TABLE ops_calendar_entries (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id            uuid NOT NULL,
  title               text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 60),
  body                text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
  repeat              text NOT NULL CHECK (repeat IN ('once', 'daily', 'weekly')),
  time_of_day         time NOT NULL,
  weekday             smallint CHECK (weekday BETWEEN 1 AND 7),
  next_run_at         timestamptz,
  status              text NOT NULL CHECK (status IN ('scheduled', 'paused', 'done', 'cancelled')),
  simhash             bigint NOT NULL,
  sop_application_id  uuid,
  post_count          integer NOT NULL DEFAULT 0,
  last_posted_at      timestamptz,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  CHECK ((repeat = 'weekly') = (weekday IS NOT NULL)),
  CHECK (status <> 'scheduled' OR next_run_at IS NOT NULL)
);
CREATE INDEX ops_calendar_due ON ops_calendar_entries (next_run_at) WHERE status = 'scheduled';
CREATE INDEX ops_calendar_group ON ops_calendar_entries (group_id, created_at);

CREATE TABLE ops_calendar_posts (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entry_id    uuid NOT NULL REFERENCES ops_calendar_entries (id),
  group_id    uuid NOT NULL,
  due_at      timestamptz NOT NULL,
  text        text NOT NULL,
  simhash     bigint NOT NULL,
  message_id  uuid,
  posted_at   timestamptz NOT NULL,
  UNIQUE (entry_id, due_at)
);
CREATE INDEX ops_calendar_posts_recent ON ops_calendar_posts (group_id, posted_at DESC);

CREATE TABLE ops_sop_templates (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  kind        text NOT NULL CHECK (kind IN ('stage', 'lifecycle')),
  stage       text CHECK (stage IN ('formation', 'assimilation', 'collaboration')),
  steps       jsonb NOT NULL,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  deleted_at  timestamptz,
  CHECK ((kind = 'stage') = (stage IS NOT NULL))
);

CREATE TABLE ops_sop_applications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id  uuid NOT NULL REFERENCES ops_sop_templates (id),
  group_id     uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('stage', 'lifecycle')),
  active       boolean NOT NULL DEFAULT true,
  applied_by   text NOT NULL,
  applied_at   timestamptz NOT NULL
);
CREATE INDEX ops_sop_applications_group ON ops_sop_applications (group_id) WHERE active;

CREATE TABLE ops_lifecycle_messages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id  uuid NOT NULL REFERENCES ops_sop_applications (id),
  group_id        uuid NOT NULL,
  member_id       uuid NOT NULL,
  step_index      integer NOT NULL,
  due_at          timestamptz NOT NULL,
  sent_at         timestamptz,
  outcome         text,
  UNIQUE (application_id, member_id, step_index)
);
CREATE INDEX ops_lifecycle_due ON ops_lifecycle_messages (due_at) WHERE sent_at IS NULL;

-- Questions are asked in group chats or as threads in a group (message_id is then the thread id).
ALTER TABLE ops_questions ADD COLUMN source text NOT NULL DEFAULT 'chat' CHECK (source IN ('chat', 'thread'));
