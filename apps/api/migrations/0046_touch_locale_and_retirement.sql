-- The language a member reads notifications in (templates have zh-CN and en texts), and retiring
-- 企业微信 robots without losing the deliveries that name them.
ALTER TABLE notification_member_settings
  ADD COLUMN locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en'));

ALTER TABLE notification_wecom_robots ADD COLUMN retired_at timestamptz;

ALTER TABLE notification_activity_links ADD COLUMN retired_at timestamptz;
