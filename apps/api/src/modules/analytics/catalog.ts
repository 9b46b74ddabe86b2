import type { DomainEvent } from '../../platform/events/outbox.js';

/**
 * What the browser may send. Business facts (registered, invested …) are never taken from the
 * browser: they come from the outbox below. A new client event is one line here.
 */
export const CLIENT_EVENTS = new Set([
  'page_view',
  'click',
  'identify',
  'product_viewed',
  'buy_clicked',
  'register_started',
  'share_clicked',
  'search',
  'thread_read',
  'live_viewed',
]);

/** A server event as stored: the member it is about and the dimensions funnels break down by. */
export interface MappedServerEvent {
  name: string;
  memberId: string;
  amount?: bigint | null;
  productId?: string | null;
  groupId?: string | null;
  channel?: string | null;
  utmSource?: string | null;
  properties?: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const fen = (v: unknown): bigint | null => (typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : typeof v === 'bigint' ? v : null);

interface Mapping {
  /** The analytics event name. */
  name: string;
  /** Payload field holding the member id. */
  member?: string;
  amount?: string;
  product?: string;
  group?: string;
  /** Only events whose payload passes (e.g. only succeeded top-ups). */
  when?: (p: Record<string, unknown>) => boolean;
  /** Payload fields copied into the event's properties. */
  keep?: string[];
}

/**
 * Outbox event → analytics event, one line per business fact. Growth, loyalty and rewards events
 * are added here the same way when those modules land (e.g. `'growth.reward_granted': { name:
 * 'reward_granted', amount: 'amount' }`); a name nobody emits is simply never heard.
 */
export const SERVER_EVENTS: Record<string, Mapping> = {
  'member.registered': { name: 'registered', keep: ['channel', 'utmSource', 'utmMedium', 'utmCampaign'] },
  'member.real_name_verified': { name: 'real_name_verified' },
  'member.bank_card_bound': { name: 'card_bound', keep: ['bankCode'] },
  'member.logged_in': { name: 'logged_in' },
  'wallet.order_updated': { name: 'topped_up', when: (p) => p.type === 'topup' && p.status === 'succeeded' },
  'wallet.order_created': { name: 'withdrawal_requested', amount: 'amount', when: (p) => p.type === 'withdrawal' },
  'investing.purchased': { name: 'invested', amount: 'amount', product: 'productId', keep: ['fundedBy', 'source'] },
  'investing.redeemed': { name: 'redeemed', amount: 'amount', product: 'productId' },
  'investing.experience_granted': { name: 'experience_granted', amount: 'amount' },
  'community.member_joined': { name: 'joined_group', group: 'groupId' },
  'community.message_posted': { name: 'posted', member: 'authorId', group: 'groupId', keep: ['replyToId', 'replyToAuthorId'] },
  'forum.thread_posted': { name: 'thread_posted', member: 'authorId', group: 'groupId', keep: ['kind', 'threadId'] },
  'forum.reply_posted': { name: 'replied', member: 'authorId', group: 'groupId', keep: ['threadId'] },
};

export function mapServerEvent(event: DomainEvent): MappedServerEvent | null {
  const m = SERVER_EVENTS[event.name];
  if (!m) return null;
  const p = event.payload;
  if (m.when && !m.when(p)) return null;
  const memberId = str(p[m.member ?? 'memberId']);
  if (!memberId) return null;
  const properties: Record<string, unknown> = {};
  for (const k of m.keep ?? []) if (p[k] !== undefined && p[k] !== null) properties[k] = p[k];
  // A question thread is also the `asked` fact funnels and health look for.
  const name = event.name === 'forum.thread_posted' && p.kind === 'question' ? 'asked' : m.name;
  return {
    name,
    memberId,
    amount: m.amount ? fen(p[m.amount]) : null,
    productId: m.product ? str(p[m.product]) : null,
    groupId: m.group ? str(p[m.group]) : null,
    channel: event.name === 'member.registered' ? (str(p.channel) ?? 'direct') : null,
    utmSource: event.name === 'member.registered' ? str(p.utmSource) : null,
    properties,
  };
}

/** Channel of a visit: an explicit `utm_source`, else the referrer's kind, else direct. */
export function channelOf(utmSource: string | null | undefined, referrer: string | null | undefined): string {
  if (utmSource) return utmSource.toLowerCase().slice(0, 40);
  if (!referrer) return 'direct';
  try {
    const host = new URL(referrer).hostname;
    if (/baidu|google|bing|sogou|so\.com|sm\.cn/.test(host)) return 'search';
    if (/weixin|qq\.com|weibo|douyin|xiaohongshu|zhihu/.test(host)) return 'social';
    return 'referral';
  } catch {
    return 'direct';
  }
}
