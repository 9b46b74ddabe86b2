import { shanghaiDay } from '../../platform/clock.js';
import { NOTICE_EVENTS, type Notice } from '../../platform/events/notices.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import { NOTIFICATION_KINDS, type NotificationKind } from '@quanzi/contracts';
import { fenToYuan } from '../../platform/money.js';
import type { NotificationsDeps } from './deps.js';
import { notify, type NotifyInput } from './notify.js';
import * as repo from './repo.js';

const isNotificationKind = (kind: unknown): kind is NotificationKind => (NOTIFICATION_KINDS as readonly unknown[]).includes(kind);

/** ¥12,345.60 from fen text; null when the payload carries no usable amount. */
export function yuanOf(fen: unknown): string | null {
  if (typeof fen !== 'string' && typeof fen !== 'bigint') return null;
  if (typeof fen === 'string' && !/^\d{1,19}$/.test(fen)) return null;
  const [whole, cents] = fenToYuan(BigInt(fen)).split('.');
  return `¥${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents!}`;
}
const withAmount = (text: string, fen: unknown) => {
  const yuan = yuanOf(fen);
  return yuan ? `${text} ${yuan}` : text;
};

type Draft = Omit<NotifyInput, 'memberId' | 'sourceEventId'>;

/** The notification a wallet order outcome makes, or null for states members need not hear about. */
export function walletOrderNotice(type: string, status: string, orderId: string, amount: bigint | undefined): Draft | null {
  const link = `/wallet/orders/${orderId}`;
  const fen = amount === undefined ? undefined : String(amount);
  if (type === 'top_up') {
    if (status === 'succeeded') return { kind: 'money', title: withAmount('充值成功', fen), body: '资金已存入钱包可用余额', link };
    if (status === 'held')
      return { kind: 'money', title: '充值到账金额待核实', body: '到账金额与订单不符，我们正在人工核对，处理后会再通知你', link };
    if (status === 'failed') return { kind: 'money', title: '充值失败', body: '本次充值未成功，资金未入账', link };
    return null;
  }
  if (type === 'withdrawal') {
    if (status === 'succeeded') return { kind: 'money', title: withAmount('提现已到账', fen), body: '资金已转入你的银行卡', link };
    if (status === 'failed')
      return { kind: 'money', title: '提现失败，资金已退回', body: '银行未能完成打款，资金已退回钱包可用余额', link };
    if (status === 'rejected')
      return { kind: 'money', title: '提现未通过审核，资金已退回', body: '资金已退回钱包可用余额，如有疑问请联系客服', link };
    return null;
  }
  return null;
}

/** What each investing or suitability event tells the member. */
export function domainNotice(event: DomainEvent): Draft | null {
  const p = event.payload;
  switch (event.name) {
    case 'investing.matured': {
      const total = typeof p.principal === 'string' && typeof p.paidReturn === 'string' ? BigInt(p.principal) + BigInt(p.paidReturn) : null;
      return {
        kind: 'investing',
        title: withAmount('定期产品到期，本金和收益已到账', total === null ? undefined : String(total)),
        body: `本金 ${yuanOf(p.principal) ?? '—'}，收益 ${yuanOf(p.paidReturn) ?? '—'}，已转入钱包可用余额`,
        link: typeof p.holdingId === 'string' ? `/holdings/${p.holdingId}` : '/holdings',
      };
    }
    case 'investing.redemption_settled':
      return { kind: 'investing', title: withAmount('赎回已到账', p.amount), body: '赎回资金已转入钱包可用余额', link: '/holdings' };
    case 'investing.experience_granted': {
      const expires = typeof p.expiresAt === 'string' ? shanghaiDay(new Date(p.expiresAt)) : null;
      const title = withAmount('获得体验金', p.amount) + (expires ? `，有效期至 ${expires}` : '');
      return { kind: 'money', title, body: '体验金可用于购买支持体验金的理财产品，到期未使用将收回', link: '/wallet' };
    }
    case 'suitability.assessed':
      return {
        kind: 'investing',
        title: typeof p.level === 'string' ? `风险测评完成：${p.level}` : '风险测评完成',
        body: '评估结果有效期一年，可在“风险测评”中查看',
        link: '/suitability',
      };
    default:
      return null;
  }
}

/** Community events name several members (`memberIds`); each gets the same notice. */
export function communityNotice(event: DomainEvent): Draft | null {
  const p = event.payload;
  const text = (v: unknown, max = 80) => (typeof v === 'string' ? v.slice(0, max) : '');
  const link = typeof p.link === 'string' ? p.link : null;
  switch (event.name) {
    case 'community.mentioned':
      return {
        kind: 'mention',
        title: `${text(p.authorName, 20)} 在「${text(p.groupName, 30)}」提到了你`,
        body: text(p.excerpt) || '[图片]',
        link,
      };
    case 'community.replied':
      return {
        kind: 'reply',
        title: `${text(p.authorName, 20)} 在「${text(p.groupName, 30)}」回复了你`,
        body: text(p.excerpt) || '[图片]',
        link,
      };
    default:
      return null;
  }
}

/** The domain events the inbox is fed from (subscribed in subscriptions.ts). */
export const FED_EVENTS = [
  ...NOTICE_EVENTS,
  'community.mentioned',
  'community.replied',
  'wallet.order_created',
  'wallet.order_updated',
  'investing.matured',
  'investing.redemption_settled',
  'investing.experience_granted',
  'suitability.assessed',
] as const;

/**
 * Turns one committed domain event into a notification. Runs after commit, at least once: the
 * event id is the notification's source, so a second delivery changes nothing. Reads nothing of
 * other modules: a wallet order's amount is remembered from its `wallet.order_created` event.
 */
export async function feedDomainEvent(deps: NotificationsDeps, event: DomainEvent): Promise<void> {
  const p = event.payload;
  if (Array.isArray(p.notices)) {
    // Worded by the module that knows the context (moderation, forum, live); delivered here.
    for (const n of p.notices as Notice[]) {
      if (typeof n?.memberId !== 'string' || !isNotificationKind(n.kind)) continue;
      await notify(deps, undefined, {
        memberId: n.memberId,
        kind: n.kind,
        title: String(n.title ?? ''),
        body: String(n.body ?? ''),
        link: typeof n.link === 'string' ? n.link : null,
        sourceEventId: n.sourceEventId ?? `${event.id}:${n.memberId}`,
      });
    }
    return;
  }
  if (Array.isArray(p.memberIds)) {
    const draft = communityNotice(event);
    if (!draft) return;
    for (const memberId of p.memberIds.filter((id): id is string => typeof id === 'string'))
      await notify(deps, undefined, { ...draft, memberId, sourceEventId: `${event.id}:${memberId}` });
    return;
  }
  const memberId = typeof p.memberId === 'string' ? p.memberId : undefined;
  if (!memberId) return;
  if (event.name === 'wallet.order_created') {
    if (typeof p.orderId === 'string' && typeof p.amount === 'string' && /^[1-9]\d{0,18}$/.test(p.amount))
      await repo.rememberOrderAmount(deps.db, p.orderId, BigInt(p.amount), deps.clock.now());
    return;
  }
  if (event.name === 'wallet.order_updated') {
    const { orderId, type, status } = p as { orderId?: unknown; type?: unknown; status?: unknown };
    if (typeof orderId !== 'string' || typeof type !== 'string' || typeof status !== 'string') return;
    const draft = walletOrderNotice(type, status, orderId, await repo.orderAmount(deps.db, orderId));
    if (draft) await notify(deps, undefined, { ...draft, memberId, sourceEventId: event.id });
    // Finance settles a held top-up at the amount the gateway reported, not the ordered one.
    if (['held', 'succeeded', 'failed', 'rejected', 'closed'].includes(status)) await repo.forgetOrderAmount(deps.db, orderId);
    return;
  }
  const draft = domainNotice(event);
  if (draft) await notify(deps, undefined, { ...draft, memberId, sourceEventId: event.id });
}
