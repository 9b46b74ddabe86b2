-- Community operations: per-group settings, the on-duty roster and the unanswered-question alarm.
-- Group ids point at community's groups but carry no foreign key: modules own their tables.
CREATE TABLE ops_group_settings (
  group_id             uuid PRIMARY KEY,
  alarm_minutes        integer NOT NULL DEFAULT 10 CHECK (alarm_minutes BETWEEN 1 AND 1440),
  -- Asia/Shanghai wall-clock hours in which the alarm's minutes run; both or neither.
  working_hours_start  time,
  working_hours_end    time,
  welcome_template     text,
  updated_by           text NOT NULL,
  updated_at           timestamptz NOT NULL,
  CHECK ((working_hours_start IS NULL) = (working_hours_end IS NULL)),
  CHECK (working_hours_start IS NULL OR working_hours_start < working_hours_end)
);

-- Who is on duty: operators per ISO weekday (1 = Monday) and Shanghai time range.
CREATE TABLE ops_duty_roster (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  operator_id    uuid NOT NULL,
  operator_name  text NOT NULL,
  weekday        smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_at      time NOT NULL,
  ends_at        time NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  CHECK (starts_at < ends_at)
);
CREATE INDEX ops_duty_roster_day ON ops_duty_roster (weekday, starts_at);

-- A member's question in a group and its first response: open → alarmed (nobody answered within
-- the group's minutes) → answered. The response time is kept for the community health metrics.
CREATE TABLE ops_questions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id            uuid NOT NULL,
  message_id          uuid NOT NULL UNIQUE,
  asker_id            uuid NOT NULL,
  excerpt             text NOT NULL,
  asked_at            timestamptz NOT NULL,
  due_at              timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('open', 'alarmed', 'answered')),
  alarmed_at          timestamptz,
  duty_operator_ids   uuid[] NOT NULL DEFAULT '{}',
  duty_operator_names text[] NOT NULL DEFAULT '{}',
  notified_experts    integer NOT NULL DEFAULT 0,
  answered_at         timestamptz,
  answered_by         uuid,
  answer_message_id   uuid,
  response_seconds    integer,
  CHECK ((status = 'answered') = (answered_at IS NOT NULL))
);
CREATE INDEX ops_questions_due ON ops_questions (due_at) WHERE status = 'open';
CREATE INDEX ops_questions_pending ON ops_questions (group_id, asked_at) WHERE status <> 'answered';
CREATE INDEX ops_questions_board ON ops_questions (status, asked_at DESC);
