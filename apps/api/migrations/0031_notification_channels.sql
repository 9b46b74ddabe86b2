-- The touch layer: every channel behind one send path. A message (what one member is told) has one
-- delivery per channel; deliveries are the durable queue of external calls, written in the same
-- transaction as the business change that caused them, claimed with SKIP LOCKED by the worker.

-- Marketing in the inbox has its own kind; activity links ride on transactional notices.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('money', 'investing', 'mention', 'reply', 'live_reminder', 'moderation', 'system', 'marketing'));
ALTER TABLE notification_preferences DROP CONSTRAINT notification_preferences_kind_check;
ALTER TABLE notification_preferences ADD CONSTRAINT notification_preferences_kind_check
  CHECK (kind IN ('money', 'investing', 'mention', 'reply', 'live_reminder', 'moderation', 'system', 'marketing'));
ALTER TABLE notifications
  ADD COLUMN activity_label text CHECK (activity_label IS NULL OR length(activity_label) BETWEEN 1 AND 40),
  ADD COLUMN activity_link  text CHECK (activity_link IS NULL OR activity_link LIKE '/%');

-- Topic × channel switches; a missing row means "on". Transactional topics never get a row.
CREATE TABLE notification_topic_preferences (
  member_id  uuid NOT NULL,
  topic      text NOT NULL CHECK (topic IN ('market_alerts', 'product_launches', 'live_reminders', 'replies_mentions', 'campaign_news', 'group_digests')),
  channel    text NOT NULL CHECK (channel IN ('in_app', 'sms', 'email', 'push', 'wechat')),
  enabled    boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (member_id, topic, channel)
);

-- Quiet hours in minutes after Shanghai midnight; start = end means "no quiet hours".
CREATE TABLE notification_member_settings (
  member_id   uuid PRIMARY KEY,
  quiet_start smallint NOT NULL CHECK (quiet_start BETWEEN 0 AND 1439),
  quiet_end   smallint NOT NULL CHECK (quiet_end BETWEEN 0 AND 1439),
  updated_at  timestamptz NOT NULL
);

-- Where a member can be reached besides the phone identity holds: an email address, a WeChat openid.
CREATE TABLE notification_bindings (
  member_id     uuid NOT NULL,
  channel       text NOT NULL CHECK (channel IN ('email', 'wechat')),
  address_enc   text NOT NULL,
  address_index text NOT NULL,
  address_mask  text NOT NULL,
  bound_at      timestamptz NOT NULL,
  PRIMARY KEY (member_id, channel),
  UNIQUE (channel, address_index)
);

CREATE TABLE notification_push_subscriptions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id  uuid NOT NULL,
  endpoint   text NOT NULL UNIQUE CHECK (endpoint LIKE 'http%'),
  p256dh     text NOT NULL,
  auth       text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX notification_push_subscriptions_member ON notification_push_subscriptions (member_id);

-- Operator-set values (the daily marketing cap, the approval threshold).
CREATE TABLE notification_settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Marketing touches per member per Shanghai day, across every channel: taken by one conditional
-- upsert, so concurrent sends queue on the row and never pass the cap.
CREATE TABLE notification_cap_usage (
  member_id uuid NOT NULL,
  day       date NOT NULL,
  used      integer NOT NULL CHECK (used >= 0),
  PRIMARY KEY (member_id, day)
);

-- The approved activity links a transactional notice may carry (one at most).
CREATE TABLE notification_activity_links (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label      text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
  link       text NOT NULL CHECK (link LIKE '/%'),
  active     boolean NOT NULL DEFAULT true,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE notification_templates (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_.-]{1,63}$'),
  name                text NOT NULL,
  topic               text NOT NULL,
  channels            text[] NOT NULL,
  failover_to_in_app  boolean NOT NULL DEFAULT false,
  current_version     integer NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);

-- Every edit is a new version; sends pin the version they were approved with.
CREATE TABLE notification_template_versions (
  template_id      uuid NOT NULL REFERENCES notification_templates (id),
  version          integer NOT NULL,
  content          jsonb NOT NULL,
  variables        text[] NOT NULL,
  product_ids      uuid[] NOT NULL DEFAULT '{}',
  activity_link_id uuid REFERENCES notification_activity_links (id),
  wechat_template_id text,
  sms_template_code  text,
  created_by       uuid NOT NULL,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (template_id, version)
);

CREATE TABLE notification_sends (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id       uuid NOT NULL REFERENCES notification_templates (id),
  template_version  integer NOT NULL,
  name              text NOT NULL,
  segment           jsonb NOT NULL,
  variables         jsonb NOT NULL,
  channels          text[] NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending_approval', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
  scheduled_at      timestamptz NOT NULL,
  audience_estimate integer NOT NULL,
  requires_approval boolean NOT NULL,
  created_by        uuid NOT NULL,
  approved_by       uuid,
  approved_at       timestamptz,
  -- Keyset position of the last member batch committed: a crashed send resumes right after it.
  cursor            uuid,
  batches           integer NOT NULL DEFAULT 0,
  targeted          integer NOT NULL DEFAULT 0,
  skipped           jsonb NOT NULL DEFAULT '{}',
  started_at        timestamptz,
  finished_at       timestamptz,
  created_at        timestamptz NOT NULL,
  CHECK (approved_by IS NULL OR approved_by <> created_by)
);
CREATE INDEX notification_sends_due ON notification_sends (scheduled_at) WHERE status IN ('scheduled', 'running');

-- What one member is told once (one row per send and member, or per dedupe key).
CREATE TABLE notification_messages (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id   uuid,
  send_id     uuid REFERENCES notification_sends (id),
  dedupe_key  text UNIQUE,
  topic       text NOT NULL,
  marketing   boolean NOT NULL,
  template_id uuid,
  template_version integer,
  title       text NOT NULL,
  body        text NOT NULL,
  link        text,
  activity_label text,
  activity_link  text,
  sms_text    text,
  sms_template_code text,
  wechat_template_id text,
  variables   jsonb NOT NULL DEFAULT '{}',
  failover_to_in_app boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL,
  UNIQUE (send_id, member_id)
);
CREATE INDEX notification_messages_member ON notification_messages (member_id, created_at DESC);

-- The delivery log and queue: one row per message and channel.
CREATE TABLE notification_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq             bigserial NOT NULL UNIQUE,
  message_id      uuid NOT NULL REFERENCES notification_messages (id),
  member_id       uuid,
  send_id         uuid,
  channel         text NOT NULL CHECK (channel IN ('in_app', 'sms', 'email', 'push', 'wechat', 'wecom')),
  status          text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'deferred', 'skipped')),
  reason          text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until     timestamptz,
  provider        text,
  provider_id     text,
  provider_code   text,
  error           text,
  folded_into     uuid,
  failover_of     uuid,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  delivered_at    timestamptz,
  UNIQUE (message_id, channel)
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status IN ('queued', 'deferred', 'sending');
CREATE INDEX notification_deliveries_log ON notification_deliveries (seq DESC);
CREATE INDEX notification_deliveries_send ON notification_deliveries (send_id, channel, status) WHERE send_id IS NOT NULL;
CREATE INDEX notification_deliveries_member ON notification_deliveries (member_id, seq DESC);

-- The embedded mail channel's outbox: the MIME nodemailer built, readable in the console.
CREATE TABLE notification_mail_outbox (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  delivery_id uuid NOT NULL UNIQUE,
  to_enc      text NOT NULL,
  to_mask     text NOT NULL,
  subject     text NOT NULL,
  raw         text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX notification_mail_outbox_created ON notification_mail_outbox (created_at DESC, id);

-- 企业微信 group robots operators may post to (webhook URLs are checked: https, no private address).
CREATE TABLE notification_wecom_robots (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  webhook_enc text NOT NULL,
  webhook_mask text NOT NULL,
  created_by  uuid NOT NULL,
  created_at  timestamptz NOT NULL
);
ALTER TABLE notification_deliveries ADD COLUMN robot_id uuid REFERENCES notification_wecom_robots (id);
