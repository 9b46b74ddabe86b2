-- Groups (圈子), their members and chat. Messages carry a per-group sequence number taken under
-- the group row's lock, so read markers, unread counts and history paging are plain comparisons.
CREATE TABLE community_groups (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                text NOT NULL,
  description         text NOT NULL DEFAULT '',
  visibility          text NOT NULL CHECK (visibility IN ('public', 'private')),
  join_policy         text NOT NULL CHECK (join_policy IN ('open', 'approval', 'invite')),
  invite_code         text UNIQUE,
  topic               text,
  product_id          uuid,
  slow_mode_seconds   integer NOT NULL DEFAULT 0 CHECK (slow_mode_seconds BETWEEN 0 AND 3600),
  announcement        text,
  pinned_message_id   uuid,
  member_count        integer NOT NULL DEFAULT 0,
  last_seq            bigint NOT NULL DEFAULT 0,
  last_message_at     timestamptz,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  -- A private group never lets anyone in without approval or an invite.
  CHECK (visibility = 'public' OR join_policy <> 'open')
);
CREATE INDEX community_groups_recent ON community_groups (last_message_at DESC NULLS LAST, id);

CREATE TABLE community_group_members (
  group_id        uuid NOT NULL REFERENCES community_groups (id),
  member_id       uuid NOT NULL,
  role            text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
  state           text NOT NULL CHECK (state IN ('active', 'pending')),
  muted           boolean NOT NULL DEFAULT false,
  last_read_seq   bigint NOT NULL DEFAULT 0,
  last_posted_at  timestamptz,
  joined_at       timestamptz NOT NULL,
  PRIMARY KEY (group_id, member_id)
);
CREATE INDEX community_group_members_member ON community_group_members (member_id) WHERE state = 'active';

CREATE TABLE community_images (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  uploader_id  uuid NOT NULL,
  group_id     uuid NOT NULL REFERENCES community_groups (id),
  mime         text NOT NULL,
  width        integer NOT NULL,
  height       integer NOT NULL,
  size         integer NOT NULL,
  bytes        bytea NOT NULL,
  created_at   timestamptz NOT NULL
);

CREATE TABLE community_messages (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id     uuid NOT NULL REFERENCES community_groups (id),
  seq          bigint NOT NULL,
  author_id    uuid NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('text', 'image', 'product')),
  text         text NOT NULL,
  reply_to_id  uuid REFERENCES community_messages (id),
  mentions     uuid[] NOT NULL DEFAULT '{}',
  image_id     uuid REFERENCES community_images (id),
  product_id   uuid,
  status       text NOT NULL CHECK (status IN ('visible', 'held', 'recalled', 'hidden', 'deleted')),
  warning      text,
  created_at   timestamptz NOT NULL,
  changed_at   timestamptz,
  UNIQUE (group_id, seq)
);

CREATE TABLE community_reactions (
  message_id  uuid NOT NULL REFERENCES community_messages (id),
  member_id   uuid NOT NULL,
  emoji       text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (message_id, member_id, emoji)
);

-- A member's block list: their messages are folded for the blocker, and they cannot mention them.
CREATE TABLE community_blocks (
  member_id   uuid NOT NULL,
  blocked_id  uuid NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (member_id, blocked_id)
);

-- Verified badges: experts appointed by community managers (staff are operators, not members).
CREATE TABLE community_experts (
  member_id     uuid PRIMARY KEY,
  title         text NOT NULL,
  appointed_by  text NOT NULL,
  appointed_at  timestamptz NOT NULL
);

-- Trust levels grow with participation; the counters are kept here, the level derived in code.
CREATE TABLE community_trust (
  member_id         uuid PRIMARY KEY,
  first_seen_at     timestamptz NOT NULL,
  last_visit_day    date NOT NULL,
  days_visited      integer NOT NULL DEFAULT 1,
  posts_read        integer NOT NULL DEFAULT 0,
  replies_received  integer NOT NULL DEFAULT 0,
  recent_posts      timestamptz[] NOT NULL DEFAULT '{}'
);
