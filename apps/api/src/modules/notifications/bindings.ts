import crypto from 'node:crypto';
import { MEMBER_CHANNELS, type MarketingTopic, type MemberChannel } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { maskEmail } from './channels/email.js';
import type { TouchDeps } from './deps.js';
import * as repo from './repo.js';
import { readUnsubscribeToken } from './unsubscribe.js';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[a-z]{2,24}$/i;

/** Binds (or replaces) the member's email address; it is stored encrypted and shown masked. */
export async function bindEmail(deps: TouchDeps, memberId: string, email: string): Promise<void> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) throw new AppError('CHANNEL_BINDING_INVALID', { reason: '邮箱格式不正确' });
  await upsertBinding(deps, memberId, 'email', address, maskEmail(address));
}

async function upsertBinding(deps: TouchDeps, memberId: string, channel: 'email' | 'wechat', address: string, mask: string) {
  const row = {
    member_id: memberId,
    channel,
    address_enc: deps.vault.encrypt(address),
    address_index: deps.vault.blindIndex(channel, address),
    address_mask: mask,
    bound_at: deps.clock.now(),
  };
  await transact(deps.db, async (trx) => {
    const taken = await repo
      .touch(trx)
      .selectFrom('notification_bindings')
      .select('member_id')
      .where('channel', '=', channel)
      .where('address_index', 'in', deps.vault.blindIndexes(channel, address)) // every key: survives a rotation
      .executeTakeFirst();
    if (taken && taken.member_id !== memberId) throw new AppError('CHANNEL_BINDING_INVALID', { reason: '该账号已绑定其他会员' });
    await repo
      .touch(trx)
      .insertInto('notification_bindings')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['member_id', 'channel'])
          .doUpdateSet({ address_enc: row.address_enc, address_index: row.address_index, address_mask: mask, bound_at: row.bound_at }),
      )
      .execute();
  });
}

export async function unbind(deps: TouchDeps, memberId: string, channel: 'email' | 'wechat'): Promise<void> {
  await repo.touch(deps.db).deleteFrom('notification_bindings').where('member_id', '=', memberId).where('channel', '=', channel).execute();
}

// ---- WeChat: OAuth-style binding (snsapi_base) through the official account

const STATE_TTL_MS = 10 * 60_000;
const signState = (deps: TouchDeps, memberId: string, ts: string) =>
  deps.vault.blindIndex('wechat-oauth', crypto.createHash('sha256').update(`${memberId}:${ts}`).digest('hex'));

export function wechatApiBase(deps: TouchDeps, apiBase: string | undefined): string {
  return apiBase ?? `${deps.origin()}/sandbox/wechat`;
}

/** Where the member's browser goes to authorise: WeChat's authorize page (or the sandbox's), back to our callback. */
export function wechatAuthorizeUrl(deps: TouchDeps, cfg: { appId: string; apiBase: string | undefined }, memberId: string): string {
  const ts = String(deps.clock.now().getTime());
  const state = `${ts}.${signState(deps, memberId, ts)}`;
  const base = cfg.apiBase ? 'https://open.weixin.qq.com' : `${deps.origin()}/sandbox/wechat`;
  const q = new URLSearchParams({
    appid: cfg.appId,
    redirect_uri: `${deps.origin()}/api/v1/me/wechat/callback`,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
  });
  return `${base}/connect/oauth2/authorize?${q}#wechat_redirect`;
}

/** The callback: check the state is this member's and fresh, exchange the code for the openid, bind it. */
export async function completeWechatBinding(
  deps: TouchDeps,
  cfg: { appId: string; appSecret: string; apiBase: string | undefined },
  memberId: string,
  code: string,
  state: string,
): Promise<void> {
  const [ts = '', sig = ''] = state.split('.');
  const age = deps.clock.now().getTime() - Number(ts);
  if (!/^\d+$/.test(ts) || age < 0 || age > STATE_TTL_MS || signState(deps, memberId, ts) !== sig)
    throw new AppError('CHANNEL_BINDING_INVALID', { reason: '授权已过期或不属于当前账号，请重新绑定' });
  const q = new URLSearchParams({ appid: cfg.appId, secret: cfg.appSecret, code, grant_type: 'authorization_code' });
  let reply: { openid?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(`${wechatApiBase(deps, cfg.apiBase)}/sns/oauth2/access_token?${q}`, { signal: AbortSignal.timeout(10_000) });
    reply = (await res.json()) as typeof reply;
  } catch {
    throw new AppError('CHANNEL_BINDING_INVALID', { reason: '微信暂时无法连接，请稍后再试' });
  }
  if (!reply.openid) throw new AppError('CHANNEL_BINDING_INVALID', { reason: `微信返回 ${reply.errcode ?? '错误'}` });
  await upsertBinding(deps, memberId, 'wechat', reply.openid, `${reply.openid.slice(0, 4)}****${reply.openid.slice(-4)}`);
}

// ---- web push subscriptions

export async function subscribePush(
  deps: TouchDeps,
  memberId: string,
  sub: { endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<void> {
  let url: URL;
  try {
    url = new URL(sub.endpoint);
  } catch {
    throw new AppError('CHANNEL_BINDING_INVALID', { reason: '推送订阅无效' });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname)))
    throw new AppError('CHANNEL_BINDING_INVALID', { reason: '推送订阅无效' });
  await repo
    .touch(deps.db)
    .insertInto('notification_push_subscriptions')
    .values({ member_id: memberId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth, created_at: deps.clock.now() })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ member_id: memberId, p256dh: sub.keys.p256dh, auth: sub.keys.auth }))
    .execute();
}

export async function unsubscribePush(deps: TouchDeps, memberId: string, endpoint: string | undefined): Promise<void> {
  let q = repo.touch(deps.db).deleteFrom('notification_push_subscriptions').where('member_id', '=', memberId);
  if (endpoint) q = q.where('endpoint', '=', endpoint);
  await q.execute();
}

// ---- unsubscribing from outside the app: one-click links and inbound SMS

async function switchOff(deps: TouchDeps, memberId: string, topics: readonly MarketingTopic[], channel: MemberChannel) {
  const now = deps.clock.now();
  await transact(deps.db, async (trx) => {
    for (const topic of topics)
      await repo.upsertTopicPreference(trx, { member_id: memberId, topic, channel, enabled: false, updated_at: now });
  });
}

/** RFC 8058 one-click: the token names member, topic and channel; a bad token is a plain 404. */
export async function oneClickUnsubscribe(deps: TouchDeps, token: string): Promise<{ topic: MarketingTopic; channel: MemberChannel }> {
  const claim = readUnsubscribeToken(deps.vault, token);
  if (!claim || !(MEMBER_CHANNELS as readonly string[]).includes(claim.c)) throw new AppError('NOT_FOUND');
  await switchOff(deps, claim.m, [claim.t], claim.c);
  return { topic: claim.t, channel: claim.c };
}

/** 回T退订: an inbound 'T' (or TD, 退订) from a member's phone switches off every marketing topic by SMS. */
export async function handleInboundSms(
  deps: TouchDeps,
  phone: string,
  content: string,
  topics: readonly MarketingTopic[],
): Promise<boolean> {
  const word = content.normalize('NFKC').trim().toUpperCase();
  if (!['T', 'TD', '退订', 'N', 'UNSUBSCRIBE'].includes(word)) return false;
  const memberId = await deps.ports.identity.memberIdByPhone(phone);
  if (!memberId) return false;
  await switchOff(deps, memberId, topics, 'sms');
  deps.logger.info({ memberId }, 'member unsubscribed from marketing SMS by reply');
  return true;
}
