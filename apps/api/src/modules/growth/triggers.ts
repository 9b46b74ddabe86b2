import type { CampaignTrigger } from '@quanzi/contracts';
import type { DomainEvent } from '../../platform/events/outbox.js';

/**
 * Which outbox event each trigger listens to. `checked_in`, `referral_converted` and
 * `live_attended` are emitted by the loyalty, referral and live modules under these names.
 */
export const TRIGGER_EVENTS: Record<CampaignTrigger, string> = {
  registered: 'member.registered',
  real_name_verified: 'member.real_name_verified',
  card_bound: 'member.bank_card_bound',
  first_investment: 'investing.purchased',
  investment: 'investing.purchased',
  redemption: 'investing.redeemed',
  referral_converted: 'referral.converted',
  checked_in: 'loyalty.checked_in',
  answer_accepted: 'forum.answer_accepted',
  live_attended: 'live.attended',
  group_joined: 'community.member_joined',
  // Never emitted: such campaigns grant only through the lottery's coupon prize handler.
  lottery_prize: 'growth.lottery_prize',
};

export const EVENT_TRIGGERS: ReadonlyMap<string, CampaignTrigger[]> = (() => {
  const map = new Map<string, CampaignTrigger[]>();
  for (const [trigger, name] of Object.entries(TRIGGER_EVENTS) as Array<[CampaignTrigger, string]>) {
    map.set(name, [...(map.get(name) ?? []), trigger]);
  }
  return map;
})();

/** What conditions look at, read from an event's payload (amounts are integer fen). */
export interface EventFacts {
  eventId: string;
  eventName: string;
  memberId: string;
  occurredAt: Date;
  amount: bigint | null;
  productId: string | null;
  groupId: string | null;
  orderId: string | null;
}

const FEN = /^\d{1,15}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Facts of an event, or null when it names no member (or is an experience-money purchase: not an investment). */
export function factsOf(event: Pick<DomainEvent, 'id' | 'name' | 'payload' | 'occurredAt'>): EventFacts | null {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  const memberId = str(p.memberId) ?? str(p.inviterId);
  if (!memberId || !UUID.test(memberId)) return null;
  if (event.name === 'investing.purchased' && p.fundedBy === 'experience') return null;
  const amount = str(p.amount);
  return {
    eventId: event.id,
    eventName: event.name,
    memberId,
    occurredAt: event.occurredAt,
    amount: amount && FEN.test(amount) ? BigInt(amount) : null,
    productId: str(p.productId),
    groupId: str(p.groupId),
    orderId: str(p.orderId),
  };
}
