-- Forum (帖子): threads in a group or the square (group_id NULL = 广场), one level of replies, likes
-- and bookmarks; Q&A questions are threads of kind 'question' whose replies are answers, one of
-- them accepted. Bodies are the Markdown source as typed: apps parse a safe subset, never HTML.
-- Member and group ids are not foreign keys: those tables belong to other modules.
CREATE TABLE forum_threads (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id           uuid,
  kind               text NOT NULL CHECK (kind IN ('post', 'question', 'live_recap')),
  -- NULL for official posts without a member behind them; operator_* then say who posted (console, audit).
  author_id          uuid,
  operator_id        uuid,
  operator_name      text,
  official           boolean NOT NULL DEFAULT false,
  title              text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 60),
  body               text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  -- #话题# names from the title and body, and the products the author tagged.
  topics             text[] NOT NULL DEFAULT '{}',
  product_ids        uuid[] NOT NULL DEFAULT '{}',
  -- Members the author @mentioned: told when the thread becomes visible (at once, or on release from review).
  mention_ids        uuid[] NOT NULL DEFAULT '{}',
  -- held: waiting for review, seen by its author only; hidden/deleted: gone for readers and search.
  status             text NOT NULL CHECK (status IN ('visible', 'held', 'hidden', 'deleted')),
  -- Visible replies only; recounted whenever one appears or goes.
  reply_count        integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
  like_count         integer NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  accepted_reply_id  uuid,
  -- Set when the word filter flags off-platform contact: readers see it beside the thread.
  warning            text,
  created_at         timestamptz NOT NULL,
  last_activity_at   timestamptz NOT NULL,
  -- The 'hot' order (Reddit's formula): log10 of engagement plus creation time in 12.5-hour units,
  -- so ten times the engagement buys half a day of freshness. It does not change as time passes,
  -- which keeps it a stored, indexable keyset like the latest order. hot_base = epoch(created_at) / 45000.
  hot_base           double precision NOT NULL,
  hot_score          double precision NOT NULL
    GENERATED ALWAYS AS (hot_base + log(greatest(like_count + 2 * reply_count, 1)::double precision)) STORED,
  CHECK (author_id IS NOT NULL OR official),
  CHECK (accepted_reply_id IS NULL OR kind = 'question')
);
-- Square (group_id IS NULL) and group listings, latest and hot, keyset-paged.
CREATE INDEX forum_threads_latest ON forum_threads (group_id, last_activity_at DESC, id DESC);
CREATE INDEX forum_threads_hot ON forum_threads (group_id, hot_score DESC, id DESC);
CREATE INDEX forum_threads_topics ON forum_threads USING gin (topics);
CREATE INDEX forum_threads_recent ON forum_threads (created_at) WHERE status = 'visible';
-- The operators' queue of questions nobody has replied to, oldest first.
CREATE INDEX forum_threads_unanswered ON forum_threads (created_at, id)
  WHERE kind = 'question' AND status = 'visible' AND reply_count = 0 AND accepted_reply_id IS NULL;

CREATE TABLE forum_replies (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Keyset cursor within a thread (oldest first), stable when two share a timestamp.
  seq             bigserial NOT NULL UNIQUE,
  thread_id       uuid NOT NULL REFERENCES forum_threads (id),
  author_id       uuid NOT NULL,
  -- Replies are one level: answering a reply quotes it instead of nesting under it.
  quote_reply_id  uuid REFERENCES forum_replies (id),
  body            text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  mention_ids     uuid[] NOT NULL DEFAULT '{}',
  status          text NOT NULL CHECK (status IN ('visible', 'held', 'hidden', 'deleted')),
  like_count      integer NOT NULL DEFAULT 0 CHECK (like_count >= 0),
  warning         text,
  created_at      timestamptz NOT NULL
);
CREATE INDEX forum_replies_thread ON forum_replies (thread_id, seq);

ALTER TABLE forum_threads ADD CONSTRAINT forum_threads_accepted_reply
  FOREIGN KEY (accepted_reply_id) REFERENCES forum_replies (id);

-- One like per member and target: the primary key makes a second like a no-op.
CREATE TABLE forum_likes (
  member_id    uuid NOT NULL,
  target_type  text NOT NULL CHECK (target_type IN ('thread', 'reply')),
  target_id    uuid NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (member_id, target_type, target_id)
);

CREATE TABLE forum_bookmarks (
  member_id   uuid NOT NULL,
  thread_id   uuid NOT NULL REFERENCES forum_threads (id),
  -- Keyset cursor for "my bookmarks", newest first.
  seq         bigserial NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, thread_id)
);
CREATE INDEX forum_bookmarks_member ON forum_bookmarks (member_id, seq DESC);
