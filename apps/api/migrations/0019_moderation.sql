-- Moderation: every hide, delete, mute, removal, warning, hold and block — by an operator, a group
-- owner/admin/expert or the word filter — is one row of the public moderation log. The log is
-- append-only: an appeal's outcome or a later restore is a new row, never an edit of the old one.
CREATE TABLE moderation_actions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Keyset paging cursor (newest first), stable when two rows share a timestamp.
  seq                bigserial NOT NULL UNIQUE,
  action             text NOT NULL CHECK (action IN ('hide', 'delete', 'mute', 'remove_from_group', 'warn', 'hold', 'block',
                                                     'release', 'restore', 'appeal_upheld', 'appeal_overturned')),
  -- Both null only for content the filter blocked before it was ever stored (the type may still be
  -- known); an appeal outcome row copies the action it answers.
  target_type        text CHECK (target_type IN ('message', 'thread', 'reply', 'live_comment', 'member')),
  target_id          uuid,
  group_id           uuid,
  rule_code          text NOT NULL CHECK (rule_code ~ '^R\d{1,3}$'),
  rule_title         text NOT NULL,
  charter_version    integer NOT NULL,
  reason             text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  -- Redacted when written (phones, ID and card numbers, WeChat/QQ ids masked) and at most 80
  -- characters plus an ellipsis: the raw text never reaches this table.
  excerpt            text NOT NULL CHECK (char_length(excerpt) <= 81),
  -- False for content of private groups: the public log then shows no excerpt and no group.
  excerpt_public     boolean NOT NULL,
  actor_kind         text NOT NULL CHECK (actor_kind IN ('operator', 'group_admin', 'expert', 'filter', 'system')),
  -- What the public log shows instead of a name: 'community_manager', 'group_owner', 'word_filter', …
  actor_role         text NOT NULL,
  -- Staff-only: the operator's display name at the time (the public log never shows it).
  actor_name         text,
  actor_operator_id  uuid,
  actor_member_id    uuid,
  -- The member the action is against (the author, or the muted/removed member).
  subject_member_id  uuid,
  hours              integer CHECK (hours BETWEEN 1 AND 720),
  appeal_of          uuid REFERENCES moderation_actions (id),
  created_at         timestamptz NOT NULL,
  CHECK ((action = 'mute') = (hours IS NOT NULL)),
  CHECK ((action IN ('appeal_upheld', 'appeal_overturned')) = (appeal_of IS NOT NULL)),
  CHECK (target_id IS NOT NULL OR action IN ('block', 'appeal_upheld', 'appeal_overturned')),
  CHECK (target_type IS NOT NULL OR target_id IS NULL),
  CHECK ((actor_kind = 'operator') = (actor_operator_id IS NOT NULL)),
  CHECK ((actor_kind IN ('group_admin', 'expert')) = (actor_member_id IS NOT NULL))
);
CREATE INDEX moderation_actions_target ON moderation_actions (target_type, target_id, seq DESC);
CREATE INDEX moderation_actions_subject ON moderation_actions (subject_member_id, seq DESC) WHERE subject_member_id IS NOT NULL;
CREATE INDEX moderation_actions_action ON moderation_actions (action, seq DESC);
CREATE INDEX moderation_actions_rule ON moderation_actions (rule_code, seq DESC);
CREATE UNIQUE INDEX moderation_actions_one_outcome ON moderation_actions (appeal_of) WHERE appeal_of IS NOT NULL;

CREATE FUNCTION moderation_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'moderation_actions is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER moderation_actions_no_change BEFORE UPDATE OR DELETE ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION moderation_log_is_append_only();
CREATE TRIGGER moderation_actions_no_truncate BEFORE TRUNCATE ON moderation_actions
  FOR EACH STATEMENT EXECUTE FUNCTION moderation_log_is_append_only();

-- Members report a message, post or user under a rule. One open report per reporter and target;
-- an action on the target marks its open reports actioned, staff may dismiss them.
CREATE TABLE moderation_reports (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reporter_id          uuid NOT NULL,
  target_type          text NOT NULL CHECK (target_type IN ('message', 'thread', 'reply', 'live_comment', 'member')),
  target_id            uuid NOT NULL,
  group_id             uuid,
  rule_code            text NOT NULL CHECK (rule_code ~ '^R\d{1,3}$'),
  note                 text CHECK (char_length(note) <= 500),
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'actioned', 'dismissed')),
  handled_by           text,
  handled_operator_id  uuid,
  handled_at           timestamptz,
  action_id            uuid REFERENCES moderation_actions (id),
  created_at           timestamptz NOT NULL,
  CHECK ((status = 'open') = (handled_at IS NULL))
);
CREATE UNIQUE INDEX moderation_reports_one_open ON moderation_reports (reporter_id, target_type, target_id) WHERE status = 'open';
CREATE INDEX moderation_reports_open ON moderation_reports (target_type, target_id, created_at) WHERE status = 'open';

-- Content the filter held for review: the console queue shows it (with the word that matched)
-- until an operator releases or removes it.
CREATE TABLE moderation_holds (
  action_id         uuid PRIMARY KEY REFERENCES moderation_actions (id),
  target_type       text NOT NULL,
  target_id         uuid NOT NULL,
  matched_word      text NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'released', 'removed')),
  resolved_by       uuid REFERENCES moderation_actions (id),
  created_at        timestamptz NOT NULL,
  resolved_at       timestamptz,
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
CREATE INDEX moderation_holds_open ON moderation_holds (created_at) WHERE status = 'open';
CREATE INDEX moderation_holds_target ON moderation_holds (target_type, target_id) WHERE status = 'open';

-- One appeal per action, by the member it was against; decided by an operator other than the one who acted.
CREATE TABLE moderation_appeals (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  action_id             uuid NOT NULL UNIQUE REFERENCES moderation_actions (id),
  member_id             uuid NOT NULL,
  reason                text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 1000),
  status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'overturned')),
  decided_by            text,
  decided_operator_id   uuid,
  decided_at            timestamptz,
  decision_note         text CHECK (char_length(decision_note) <= 500),
  outcome_action_id     uuid REFERENCES moderation_actions (id),
  created_at            timestamptz NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX moderation_appeals_member ON moderation_appeals (member_id, created_at DESC);
CREATE INDEX moderation_appeals_status ON moderation_appeals (status, created_at);

-- Mutes, platform-wide ('global') or in one group ('group:<id>'). Lifted early by an overturned
-- appeal or a restore; otherwise they simply run out at `until`.
CREATE TABLE member_restrictions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id   uuid NOT NULL,
  scope       text NOT NULL CHECK (scope = 'global' OR scope ~ '^group:[0-9a-f-]{36}$'),
  kind        text NOT NULL CHECK (kind IN ('mute')),
  until       timestamptz NOT NULL,
  rule_code   text NOT NULL,
  action_id   uuid NOT NULL REFERENCES moderation_actions (id),
  created_at  timestamptz NOT NULL,
  lifted_at   timestamptz,
  lifted_by   uuid REFERENCES moderation_actions (id)
);
CREATE INDEX member_restrictions_active ON member_restrictions (member_id, until) WHERE lifted_at IS NULL;

-- The word filter's list. Words are stored normalised (NFKC, lower case). A removed word keeps its
-- row (disabled_at) so the history of what was filtered stays readable; only one active row per word.
CREATE TABLE sensitive_words (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  word         text NOT NULL CHECK (char_length(word) BETWEEN 1 AND 30),
  category     text NOT NULL CHECK (category IN ('contact', 'promise', 'other')),
  -- flag: shown with a warning to readers; hold: kept from readers until reviewed; block: refused.
  verdict      text NOT NULL CHECK (verdict IN ('flag', 'hold', 'block')),
  rule_code    text NOT NULL CHECK (rule_code ~ '^R\d{1,3}$'),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  disabled_at  timestamptz,
  disabled_by  text
);
CREATE UNIQUE INDEX sensitive_words_active ON sensitive_words (word) WHERE disabled_at IS NULL;

-- Defaults: pulling members off the platform (charter R2) and promised returns (R3). Negations
-- such as 非保本/不保本 are recognised by the matcher, not by the list.
INSERT INTO sensitive_words (word, category, verdict, rule_code, created_by, created_at) VALUES
  ('加微信',   'contact', 'flag',  'R2', '系统', now()),
  ('加我微信', 'contact', 'flag',  'R2', '系统', now()),
  ('微信号',   'contact', 'flag',  'R2', '系统', now()),
  ('vx',       'contact', 'flag',  'R2', '系统', now()),
  ('qq号',     'contact', 'flag',  'R2', '系统', now()),
  ('加qq',     'contact', 'flag',  'R2', '系统', now()),
  ('线下交易', 'contact', 'flag',  'R2', '系统', now()),
  ('二维码',   'contact', 'flag',  'R2', '系统', now()),
  ('私下转账', 'contact', 'hold',  'R2', '系统', now()),
  ('私聊转账', 'contact', 'hold',  'R2', '系统', now()),
  ('保本',     'promise', 'hold',  'R3', '系统', now()),
  ('稳赚',     'promise', 'hold',  'R3', '系统', now()),
  ('零风险',   'promise', 'hold',  'R3', '系统', now()),
  ('刚兑',     'promise', 'hold',  'R3', '系统', now()),
  ('刚性兑付', 'promise', 'hold',  'R3', '系统', now()),
  ('保证收益', 'promise', 'block', 'R3', '系统', now()),
  ('稳赚不赔', 'promise', 'block', 'R3', '系统', now());
