-- Live sessions (直播). We never host video: a session points at an external https stream; what
-- is ours is the room around it — reminders, comments and the question queue — and the recap
-- thread it becomes when it ends. Member and operator ids belong to other modules (no foreign keys).
CREATE TABLE live_sessions (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title             text NOT NULL CHECK (length(title) BETWEEN 2 AND 60),
  description       text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  -- A member host may start, end and answer from the member app; otherwise an operator hosts.
  host_member_id    uuid,
  host_operator_id  uuid,
  host_name         text NOT NULL CHECK (length(host_name) BETWEEN 1 AND 32),
  -- Optional: a session of one group follows that group's visibility.
  group_id          uuid,
  stream_url        text NOT NULL CHECK (stream_url LIKE 'https://%' AND length(stream_url) <= 500),
  scheduled_at      timestamptz NOT NULL,
  status            text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'live', 'ended', 'cancelled')),
  started_at        timestamptz,
  ended_at          timestamptz,
  -- The forum thread the session became; the Markdown is kept too, so the recap survives without it.
  recap_thread_id   uuid,
  recap_markdown    text,
  created_by        uuid NOT NULL,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK (host_member_id IS NULL OR host_operator_id IS NULL),
  CHECK ((status IN ('live', 'ended')) = (started_at IS NOT NULL)),
  CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
CREATE INDEX live_sessions_upcoming ON live_sessions (scheduled_at) WHERE status IN ('scheduled', 'live');
CREATE INDEX live_sessions_past ON live_sessions (coalesce(ended_at, scheduled_at) DESC) WHERE status IN ('ended', 'cancelled');

-- 预约: one row per member who asked to be reminded; reminded_at marks the 10-minute reminder sent.
CREATE TABLE live_subscriptions (
  session_id   uuid NOT NULL REFERENCES live_sessions (id),
  member_id    uuid NOT NULL,
  created_at   timestamptz NOT NULL,
  reminded_at  timestamptz,
  PRIMARY KEY (session_id, member_id)
);
CREATE INDEX live_subscriptions_unreminded ON live_subscriptions (session_id) WHERE reminded_at IS NULL;

-- Text is stored as typed (never HTML). 'held' = the word filter sent it to the moderation queue;
-- 'hidden' = a moderator took it down. flag = why readers see a warning (contact, promise, other).
CREATE TABLE live_comments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Keyset cursor for history paging, stable when two comments share a timestamp.
  seq         bigserial NOT NULL UNIQUE,
  session_id  uuid NOT NULL REFERENCES live_sessions (id),
  member_id   uuid NOT NULL,
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 200),
  status      text NOT NULL CHECK (status IN ('visible', 'held', 'hidden')),
  flag        text CHECK (flag IN ('contact', 'promise', 'other')),
  created_at  timestamptz NOT NULL
);
CREATE INDEX live_comments_history ON live_comments (session_id, seq DESC) WHERE status = 'visible';
-- Slow mode reads the member's latest comment.
CREATE INDEX live_comments_member ON live_comments (member_id, created_at DESC);

CREATE TABLE live_questions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id   uuid NOT NULL REFERENCES live_sessions (id),
  member_id    uuid NOT NULL,
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 200),
  upvotes      integer NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
  status       text NOT NULL CHECK (status IN ('open', 'answered', 'held', 'hidden')),
  flag         text CHECK (flag IN ('contact', 'promise', 'other')),
  created_at   timestamptz NOT NULL,
  -- Kept when a moderator hides an answered question, so restoring it restores 'answered'.
  answered_at  timestamptz,
  CHECK (status <> 'answered' OR answered_at IS NOT NULL)
);
CREATE INDEX live_questions_queue ON live_questions (session_id, upvotes DESC, created_at);
CREATE INDEX live_questions_member ON live_questions (member_id, created_at DESC);

-- One upvote per member per question: the primary key is the rule, upvotes the cached count.
CREATE TABLE live_question_votes (
  question_id  uuid NOT NULL REFERENCES live_questions (id),
  member_id    uuid NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (question_id, member_id)
);
