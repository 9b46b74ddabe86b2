import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/connect.js';
import type { HttpApp } from '../platform/http/types.js';

/**
 * The WeChat sandbox, mounted at /sandbox/wechat: an official account (access token, template/send,
 * OAuth-style binding) and 企业微信 group robots (webhook/send) that speak WeChat's own JSON and
 * error codes, so the demo and the tests use the real request shapes. Its own tables; Quanzi reaches
 * it only over HTTP.
 */
export function createWechatSandbox(deps: { db: Db; clock: Clock; appId: string; appSecret: string }) {
  const { db, clock } = deps;
  const q = <T>(s: ReturnType<typeof sql<T>>) => s.execute(db);
  const validToken = async (token: string | undefined) =>
    !!token &&
    (await q(sql<{ t: string }>`SELECT token AS t FROM sandbox_wechat_tokens WHERE token = ${token} AND expires_at > ${clock.now()}`)).rows
      .length > 0;
  const openidIssued = async (openid: string) =>
    (await q(sql<{ o: string }>`SELECT openid AS o FROM sandbox_wechat_oauth_codes WHERE openid = ${openid} LIMIT 1`)).rows.length > 0;

  async function routes(app: HttpApp) {
    const hide = { schema: { hide: true } };
    app.get('/cgi-bin/token', hide, async (request) => {
      const p = request.query as Record<string, string | undefined>;
      if (p.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
      if (p.appid !== deps.appId) return { errcode: 40013, errmsg: 'invalid appid' };
      if (p.secret !== deps.appSecret) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
      const token = crypto.randomBytes(24).toString('base64url');
      await q(
        sql`INSERT INTO sandbox_wechat_tokens (token, appid, expires_at) VALUES (${token}, ${p.appid}, ${new Date(clock.now().getTime() + 7200_000)})`,
      );
      return { access_token: token, expires_in: 7200 };
    });

    app.post('/cgi-bin/message/template/send', hide, async (request) => {
      const token = (request.query as Record<string, string | undefined>).access_token;
      if (!(await validToken(token))) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
      const b = request.body as Record<string, unknown> | null;
      if (!b || typeof b.touser !== 'string') return { errcode: 40003, errmsg: 'invalid openid' };
      if (!(await openidIssued(b.touser))) return { errcode: 43004, errmsg: 'require subscribe' };
      if (typeof b.template_id !== 'string' || !b.template_id) return { errcode: 40037, errmsg: 'invalid template_id' };
      const data = b.data as Record<string, unknown> | undefined;
      if (!data || typeof data !== 'object' || !Object.values(data).every((v) => typeof (v as { value?: unknown })?.value === 'string'))
        return { errcode: 47001, errmsg: 'data format error' };
      if (b.url !== undefined && (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url)))
        return { errcode: 40039, errmsg: 'invalid url size' };
      const clientMsgId = typeof b.client_msg_id === 'string' ? b.client_msg_id : null;
      const { rows } = await q(sql<{ msgid: string }>`
        INSERT INTO sandbox_wechat_messages (kind, target, client_msg_id, body, received_at)
        VALUES ('template', ${b.touser}, ${clientMsgId}, ${JSON.stringify(b)}::jsonb, ${clock.now()})
        ON CONFLICT (kind, client_msg_id) DO UPDATE SET client_msg_id = EXCLUDED.client_msg_id
        RETURNING msgid`);
      return { errcode: 0, errmsg: 'ok', msgid: Number(rows[0]!.msgid) };
    });

    app.post('/cgi-bin/webhook/send', hide, async (request) => {
      const key = (request.query as Record<string, string | undefined>).key;
      if (!key) return { errcode: 93000, errmsg: 'invalid webhook url' };
      const b = request.body as { msgtype?: unknown; text?: { content?: unknown }; markdown?: { content?: unknown } } | null;
      const content = b?.msgtype === 'text' ? b.text?.content : b?.msgtype === 'markdown' ? b.markdown?.content : undefined;
      if (typeof content !== 'string' || !content) return { errcode: 40008, errmsg: 'invalid message type' };
      if (Buffer.byteLength(content) > 4096) return { errcode: 45002, errmsg: 'content size out of limit' };
      await q(
        sql`INSERT INTO sandbox_wechat_messages (kind, target, body, received_at) VALUES ('robot', ${key}, ${JSON.stringify(b)}::jsonb, ${clock.now()})`,
      );
      return { errcode: 0, errmsg: 'ok' };
    });

    // OAuth (snsapi_base): the sandbox consents at once and sends the browser back with a code.
    app.get('/connect/oauth2/authorize', hide, async (request, reply) => {
      const p = request.query as Record<string, string | undefined>;
      if (p.appid !== deps.appId || !p.redirect_uri)
        return reply.code(400).send({ errcode: 10003, errmsg: 'redirect_uri or appid invalid' });
      const code = crypto.randomBytes(16).toString('hex');
      const openid = `oSbx${crypto.randomBytes(12).toString('base64url')}`;
      await q(
        sql`INSERT INTO sandbox_wechat_oauth_codes (code, appid, openid, expires_at) VALUES (${code}, ${p.appid}, ${openid}, ${new Date(clock.now().getTime() + 300_000)})`,
      );
      const back = new URL(p.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.state ?? '');
      return reply.redirect(back.toString());
    });
    app.get('/sns/oauth2/access_token', hide, async (request) => {
      const p = request.query as Record<string, string | undefined>;
      if (p.appid !== deps.appId || p.secret !== deps.appSecret) return { errcode: 40125, errmsg: 'invalid appsecret' };
      const { rows } = await q(sql<{ openid: string }>`
        UPDATE sandbox_wechat_oauth_codes SET used_at = ${clock.now()}
        WHERE code = ${p.code ?? ''} AND used_at IS NULL AND expires_at > ${clock.now()} RETURNING openid`);
      if (!rows[0]) return { errcode: 40029, errmsg: 'invalid code' };
      return {
        access_token: crypto.randomBytes(16).toString('hex'),
        expires_in: 7200,
        refresh_token: crypto.randomBytes(16).toString('hex'),
        openid: rows[0].openid,
        scope: 'snsapi_base',
      };
    });

    // What the sandbox received, for the demo and tests.
    app.get('/received', hide, async (request) => {
      const kind = (request.query as Record<string, string | undefined>).kind === 'robot' ? 'robot' : 'template';
      const { rows } = await q(sql<{ msgid: string; target: string; body: unknown; received_at: Date }>`
        SELECT msgid, target, body, received_at FROM sandbox_wechat_messages WHERE kind = ${kind} ORDER BY msgid DESC LIMIT 50`);
      return {
        items: rows.map((r) => ({ msgid: Number(r.msgid), target: r.target, body: r.body, receivedAt: r.received_at.toISOString() })),
      };
    });
  }
  return { routes };
}
