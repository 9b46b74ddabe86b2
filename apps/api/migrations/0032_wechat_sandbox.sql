-- The WeChat sandbox (mounted at /sandbox/wechat): an official-account and 企业微信 look-alike that
-- speaks the real JSON. Its own tables; Quanzi reaches it only over HTTP.
CREATE TABLE sandbox_wechat_tokens (
  token      text PRIMARY KEY,
  appid      text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE sandbox_wechat_oauth_codes (
  code       text PRIMARY KEY,
  appid      text NOT NULL,
  openid     text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE TABLE sandbox_wechat_messages (
  msgid         bigserial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('template', 'robot')),
  target        text NOT NULL,
  client_msg_id text,
  body          jsonb NOT NULL,
  received_at   timestamptz NOT NULL,
  UNIQUE (kind, client_msg_id)
);
