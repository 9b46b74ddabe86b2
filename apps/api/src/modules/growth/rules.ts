import type { CampaignCondition, CampaignDefinition, CampaignEffect } from '@quanzi/contracts';
import { AppError } from '../../platform/errors.js';
import type { StoredTier } from './repo.js';
import type { EventFacts } from './triggers.js';

/** A campaign's rule as the engine holds it (stored JSON, already validated at creation). */
export interface Rule {
  conditions: CampaignCondition[];
  effects: CampaignEffect[];
  tiers: StoredTier[];
}

/**
 * Checks what zod cannot: a total budget, a window that ends after it starts, effects xor tiers,
 * tiers in strictly increasing order, amount conditions and tiers only for triggers with amounts.
 */
export function validateDefinition(def: CampaignDefinition): void {
  if (!def.budget || (def.budget.totalMoney === undefined && def.budget.totalCount === undefined))
    throw new AppError('CAMPAIGN_BUDGET_REQUIRED');
  if (new Date(def.endsAt).getTime() <= new Date(def.startsAt).getTime()) throw new AppError('CAMPAIGN_WINDOW_INVALID');
  const hasEffects = (def.effects?.length ?? 0) > 0;
  const hasTiers = (def.tiers?.length ?? 0) > 0;
  if (hasEffects === hasTiers) throw new AppError('CAMPAIGN_INVALID', { reason: '请设置奖励或阶梯奖励（二选一）' });
  const tiers = def.tiers ?? [];
  for (let i = 1; i < tiers.length; i++) {
    if (BigInt(tiers[i]!.minAmount) <= BigInt(tiers[i - 1]!.minAmount))
      throw new AppError('CAMPAIGN_INVALID', { reason: '阶梯门槛须从低到高递增' });
  }
  const withAmount = def.trigger === 'investment' || def.trigger === 'first_investment' || def.trigger === 'redemption';
  const amountRules = hasTiers || def.conditions.some((c) => c.kind === 'amount_min' || c.kind === 'amount_max');
  if (amountRules && !withAmount) throw new AppError('CAMPAIGN_INVALID', { reason: '该触发事件没有金额，不能按金额设置条件或阶梯' });
  for (const c of def.conditions) {
    if (c.kind === 'time_window' && c.from === c.to) throw new AppError('CAMPAIGN_INVALID', { reason: '时段起止不能相同' });
    if (c.kind === 'product' && !c.productIds?.length && !c.productTypes?.length)
      throw new AppError('CAMPAIGN_INVALID', { reason: '产品条件至少指定一个产品或类型' });
  }
  const money = def.budget.totalMoney === undefined ? null : BigInt(def.budget.totalMoney);
  if (money !== null) {
    const single = maxCost([...(def.effects ?? []), ...tiers.flatMap((t) => t.effects)]);
    if (single > money) throw new AppError('CAMPAIGN_INVALID', { reason: '单次奖励成本超过总预算' });
  }
}

/** The effects for this event: flat effects, or the highest tier whose threshold the amount reaches (≥). */
export function effectsFor(rule: Rule, amount: bigint | null): { tier: number | null; effects: CampaignEffect[] } | null {
  if (!rule.tiers.length) return { tier: null, effects: rule.effects };
  if (amount === null) return null;
  let chosen: number | null = null;
  rule.tiers.forEach((t, i) => {
    if (amount >= BigInt(t.minAmount)) chosen = i;
  });
  return chosen === null ? null : { tier: chosen, effects: rule.tiers[chosen]!.effects };
}

/**
 * What a grant costs the marketing budget, in fen: money given (red packets, experience money)
 * and what a coupon can pay at most (满减's amount, 加息券's cap). Points, badges, notices and
 * lottery chances cost no money (they count against the count budget).
 */
export function costOf(effects: readonly CampaignEffect[]): bigint {
  let sum = 0n;
  for (const e of effects) {
    if (e.kind === 'red_packet' || e.kind === 'experience') sum += BigInt(e.amount);
    else if (e.kind === 'coupon') sum += BigInt(e.coupon.type === 'cash_back' ? e.coupon.amount : e.coupon.maxCost);
  }
  return sum;
}

const maxCost = (effects: readonly CampaignEffect[]) => costOf(effects);

/** Shanghai wall time of an instant: minutes since midnight and ISO weekday (1 = Monday). */
function shanghaiClock(at: Date): { minutes: number; weekday: number } {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const day = local.getUTCDay();
  return { minutes: local.getUTCHours() * 60 + local.getUTCMinutes(), weekday: day === 0 ? 7 : day };
}
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The conditions that need nothing but the event itself; the others are checked by the engine. */
export function eventConditionHolds(c: CampaignCondition, facts: EventFacts): boolean | undefined {
  switch (c.kind) {
    case 'amount_min':
      return facts.amount !== null && facts.amount >= BigInt(c.min);
    case 'amount_max':
      return facts.amount !== null && facts.amount <= BigInt(c.max);
    case 'time_window': {
      const { minutes, weekday } = shanghaiClock(facts.occurredAt);
      if (c.weekdays?.length && !c.weekdays.includes(weekday)) return false;
      const from = minutesOf(c.from);
      const to = minutesOf(c.to);
      // A window like 22:00–02:00 runs over midnight.
      return from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
    }
    case 'product':
      if (!facts.productId) return false;
      if (c.productIds?.length && !c.productIds.includes(facts.productId)) return false;
      return c.productTypes?.length ? undefined : true; // the type needs the product
    default:
      return undefined;
  }
}
