-- Per-group automation by the official account: keyword auto-replies (with the replies they
-- made, which rate-limit them and make each trigger answer once) and welcome messages on joining.
CREATE TABLE ops_keyword_replies (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id    uuid NOT NULL,
  match_kind  text NOT NULL CHECK (match_kind IN ('exact', 'contains', 'regex')),
  pattern     text NOT NULL CHECK (char_length(pattern) BETWEEN 1 AND 200),
  reply       text NOT NULL CHECK (char_length(reply) BETWEEN 1 AND 500),
  enabled     boolean NOT NULL DEFAULT true,
  hit_count   integer NOT NULL DEFAULT 0,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  deleted_at  timestamptz
);
CREATE INDEX ops_keyword_replies_group ON ops_keyword_replies (group_id, created_at) WHERE deleted_at IS NULL;

CREATE TABLE ops_auto_replies (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_id            uuid NOT NULL,
  rule_id             uuid NOT NULL REFERENCES ops_keyword_replies (id),
  trigger_message_id  uuid NOT NULL UNIQUE,
  reply_message_id    uuid,
  replied_at          timestamptz NOT NULL
);
CREATE INDEX ops_auto_replies_recent ON ops_auto_replies (group_id, replied_at DESC);

-- One welcome per membership (a member who leaves and joins again is welcomed again).
CREATE TABLE ops_welcomes (
  group_id    uuid NOT NULL,
  member_id   uuid NOT NULL,
  joined_at   timestamptz NOT NULL,
  message_id  uuid,
  PRIMARY KEY (group_id, member_id, joined_at)
);
