import { ChannelFailure, transientStatus, type ExternalChannel } from './types.js';

// WeChat's documented codes: -1 system busy, 45009 API limit, 40001/42001 token invalid/expired.
const WECHAT_TRANSIENT = new Set([-1, 45009, 45047]);
const TOKEN_INVALID = new Set([40001, 40014, 42001]);

interface WechatReply {
  errcode?: number;
  errmsg?: string;
  msgid?: number;
  access_token?: string;
  expires_in?: number;
}

async function callJson(url: string, init?: RequestInit): Promise<WechatReply> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new ChannelFailure('NETWORK', true, (err as Error).message);
  }
  if (!res.ok) throw new ChannelFailure(`HTTP_${res.status}`, transientStatus(res.status));
  return (await res.json().catch(() => ({ errcode: -1, errmsg: 'not json' }))) as WechatReply;
}

/**
 * The official account's access token, cached until five minutes before it expires (WeChat allows
 * 2,000 token calls a day and invalidates the previous token on each call, so it must be shared).
 */
export function createTokenCache(opts: { apiBase: () => string; appId: string; appSecret: string; now: () => Date }) {
  let cached: { token: string; until: number } | undefined;
  let pending: Promise<string> | undefined;
  return {
    async get(): Promise<string> {
      if (cached && cached.until > opts.now().getTime()) return cached.token;
      pending ??= (async () => {
        const q = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.appSecret });
        const reply = await callJson(`${opts.apiBase()}/cgi-bin/token?${q}`);
        if (!reply.access_token)
          throw new ChannelFailure(`WECHAT_${reply.errcode ?? 'TOKEN'}`, WECHAT_TRANSIENT.has(reply.errcode ?? -1), reply.errmsg);
        cached = { token: reply.access_token, until: opts.now().getTime() + ((reply.expires_in ?? 7200) - 300) * 1000 };
        return cached.token;
      })().finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
export type TokenCache = ReturnType<typeof createTokenCache>;

/** The template/send request body (公众号模板消息), data values as WeChat wants them: `{ key: { value } }`. */
export function templateRequest(
  m: {
    to: string;
    wechatTemplateId: string;
    title: string;
    body: string;
    link: string | null;
    variables: Record<string, string>;
    deliveryId: string;
  },
  origin: string,
) {
  const data: Record<string, { value: string }> = { first: { value: m.title }, remark: { value: m.body } };
  for (const [k, v] of Object.entries(m.variables)) data[k] = { value: v };
  return {
    touser: m.to,
    template_id: m.wechatTemplateId,
    ...(m.link ? { url: `${origin}${m.link}` } : {}),
    data,
    // WeChat drops a repeated client_msg_id: a retried delivery is sent once.
    client_msg_id: m.deliveryId,
  };
}

/** Official-account template messages to a member's bound openid. */
export function createWechatChannel(opts: { apiBase: () => string; tokens: TokenCache; origin: () => string }): ExternalChannel {
  return {
    channel: 'wechat',
    async deliver(m) {
      if (!m.to) throw new ChannelFailure('NOT_BOUND', false);
      if (!m.wechatTemplateId) throw new ChannelFailure('NO_TEMPLATE_ID', false);
      const body = templateRequest({ ...m, to: m.to, wechatTemplateId: m.wechatTemplateId }, opts.origin());
      const token = await opts.tokens.get();
      const reply = await callJson(`${opts.apiBase()}/cgi-bin/message/template/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (reply.errcode && TOKEN_INVALID.has(reply.errcode)) {
        opts.tokens.invalidate();
        throw new ChannelFailure(`WECHAT_${reply.errcode}`, true, reply.errmsg);
      }
      if (reply.errcode) throw new ChannelFailure(`WECHAT_${reply.errcode}`, WECHAT_TRANSIENT.has(reply.errcode), reply.errmsg);
      return { provider: 'wechat', providerId: reply.msgid === undefined ? null : String(reply.msgid), status: 'sent' };
    },
  };
}

/** 企业微信 group robot: a text message to the robot's webhook. */
export function createWecomChannel(): ExternalChannel {
  return {
    channel: 'wecom',
    async deliver(m) {
      if (!m.to) throw new ChannelFailure('NO_WEBHOOK', false);
      const content = `${m.title}\n${m.body}`.slice(0, 2048);
      const reply = await callJson(m.to, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'text', text: { content } }),
      });
      if (reply.errcode) throw new ChannelFailure(`WECOM_${reply.errcode}`, WECHAT_TRANSIENT.has(reply.errcode), reply.errmsg);
      return { provider: 'wecom', providerId: null, status: 'sent' };
    },
  };
}
