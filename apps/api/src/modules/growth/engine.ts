import type { CampaignCondition, CampaignEffect } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import type { DomainEvent } from '../../platform/events/outbox.js';
import type { Tx } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import type { GrowthDeps } from './deps.js';
import type { EffectRegistry } from './effects.js';
import * as repo from './repo.js';
import { costOf, effectsFor, eventConditionHolds, type Rule } from './rules.js';
import { EVENT_TRIGGERS, factsOf, type EventFacts } from './triggers.js';

export type GrantOutcome =
  { status: 'not_matched' } | { status: 'duplicate'; grantId: string } | { status: repo.GrantStatus; grantId: string; cost: bigint };

export const ruleOf = (c: repo.CampaignRow): Rule => ({ conditions: c.conditions, effects: c.effects, tiers: c.tiers });

/** The cheapest thing the campaign can grant: below it the money budget is spent. */
export const minCostOf = (c: repo.CampaignRow): bigint =>
  c.tiers.length ? c.tiers.map((t) => costOf(t.effects)).reduce((a, b) => (b < a ? b : a)) : costOf(c.effects);

/**
 * One domain event through every running campaign of its triggers. The event is kept first (the
 * preview and first-time conditions read it); each campaign then decides in its own transaction.
 */
export async function handleEvent(deps: GrowthDeps, registry: EffectRegistry, event: DomainEvent): Promise<GrantOutcome[]> {
  const triggers = EVENT_TRIGGERS.get(event.name);
  const facts = factsOf(event);
  if (!triggers || !facts) return [];
  const kept = {
    done: false,
    row: {
      id: event.id,
      name: event.name,
      member_id: facts.memberId,
      payload: event.payload as Record<string, unknown>,
      occurred_at: event.occurredAt,
    },
  };
  const outcomes: GrantOutcome[] = [];
  for (const trigger of triggers) {
    if (
      trigger === 'first_investment' &&
      (await repo.hadEarlierEvent(deps.db, facts.memberId, facts.eventName, facts.eventId, facts.occurredAt))
    )
      continue;
    // Running now (the campaign's window and status at processing time; a late delivery after the end grants nothing).
    for (const campaign of await repo.runningCampaigns(deps.db, trigger, deps.clock.now())) {
      outcomes.push(await grantFor(deps, registry, campaign, facts, kept));
    }
  }
  // Kept for the preview and first-time conditions: in the first grant's transaction, else on its own.
  if (!kept.done) await repo.recordEvent(deps.db, kept.row);
  return outcomes;
}

/** The trigger event, written once in the first transaction that handles it. */
export interface KeptEvent {
  done: boolean;
  row: Parameters<typeof repo.recordEvent>[1];
}

/** A budget (day or total) could not pay this grant: the grant's transaction rolls back and the refusal is recorded on its own. */
export class BudgetRefused extends Error {
  constructor() {
    super('campaign budget refused the grant');
  }
}

/** Conditions that need a read: product type, level, suitability, registration channel, first time, group. */
export async function conditionHolds(deps: GrowthDeps, c: CampaignCondition, facts: EventFacts): Promise<boolean> {
  const quick = eventConditionHolds(c, facts);
  if (quick !== undefined) return quick;
  switch (c.kind) {
    case 'product': {
      const product = await deps.investing.product(facts.productId!).catch(() => null);
      return product !== null && (c.productTypes ?? []).includes(product.type);
    }
    case 'member_level': {
      return (await deps.levels.levelOf(facts.memberId)).level >= c.min;
    }
    case 'suitability': {
      const status = await deps.suitability.current(facts.memberId);
      return status.level !== null && !status.expired && Number(status.level.slice(1)) >= c.min;
    }
    case 'registration_channel': {
      const reg = (await repo.registrationOf(deps.db, facts.memberId))?.payload ?? {};
      const has = (list: string[] | undefined, value: unknown) => !list?.length || (typeof value === 'string' && list.includes(value));
      return has(c.channels, reg.channel) && has(c.utmSources, reg.utmSource) && has(c.utmCampaigns, reg.utmCampaign);
    }
    case 'first_time':
      return !(await repo.hadEarlierEvent(deps.db, facts.memberId, facts.eventName, facts.eventId, facts.occurredAt));
    case 'group_member': {
      const m = await deps.community.membership(c.groupId, facts.memberId);
      return m?.state === 'active';
    }
    default:
      return false;
  }
}

export async function matches(
  deps: GrowthDeps,
  rule: Rule,
  facts: EventFacts,
): Promise<{ tier: number | null; effects: CampaignEffect[] } | null> {
  for (const c of rule.conditions) if (!(await conditionHolds(deps, c, facts))) return null;
  return effectsFor(rule, facts.amount);
}

/**
 * One grant, all or nothing, idempotent on (campaign, event). Conditions are read before the
 * transaction (they read other modules through the pool); then, in one transaction: claim the
 * (campaign, event) row (a replay stops here), ask risk (`review`/`deny` are recorded, nothing
 * granted), take the per-member count, the day's budget and the total budget — each a conditional
 * statement, so 200 concurrent events can never pass a budget — and book the effects.
 */
export async function grantFor(
  deps: GrowthDeps,
  registry: EffectRegistry,
  campaign: repo.CampaignRow,
  facts: EventFacts,
  kept?: KeptEvent,
): Promise<GrantOutcome> {
  const earlier = await repo.findGrant(deps.db, campaign.id, facts.eventId);
  if (earlier) return { status: 'duplicate', grantId: earlier.id };
  const chosen = await matches(deps, ruleOf(campaign), facts);
  if (!chosen) return { status: 'not_matched' };
  const keep = async (trx: Tx) => {
    if (kept && !kept.done) await repo.recordEvent(trx, kept.row);
  };
  try {
    const outcome = await transact(deps.db, async (trx) => {
      await keep(trx);
      return grantIn(deps, registry, trx, campaign, facts, chosen);
    });
    if (kept) kept.done = true;
    return outcome;
  } catch (err) {
    if (!(err instanceof BudgetRefused)) throw err;
  }
  // The refusal, recorded with its risk decision; the campaign stops when what is left cannot pay its cheapest grant.
  const outcome = await transact(deps.db, async (trx): Promise<GrantOutcome> => {
    await keep(trx);
    const claimed = await claim(deps, trx, campaign, facts, chosen, 'budget_exhausted');
    if (claimed.kind === 'duplicate') return claimed.outcome;
    const { grant, decision, cost } = claimed;
    if (decision.decision !== 'allow') {
      await repo.finishGrant(trx, grant.id, decision.decision === 'review' ? 'review' : 'denied', []);
      return { status: decision.decision === 'review' ? 'review' : 'denied', grantId: grant.id, cost };
    }
    await stopWhenSpent(trx, campaign);
    return { status: 'budget_exhausted', grantId: grant.id, cost };
  });
  if (kept) kept.done = true;
  return outcome;
}

/** Claims (campaign, event) and records the risk decision on it; a replay finds the first claim. */
async function claim(
  deps: GrowthDeps,
  trx: Tx,
  campaign: repo.CampaignRow,
  facts: EventFacts,
  chosen: { tier: number | null; effects: CampaignEffect[] },
  status: repo.GrantStatus,
) {
  const cost = costOf(chosen.effects);
  const grant = await repo.claimGrant(trx, {
    campaign_id: campaign.id,
    event_id: facts.eventId,
    member_id: facts.memberId,
    status,
    tier: chosen.tier,
    cost,
    risk_decision_id: null,
    risk_decision: null,
    risk_score: null,
    risk_rule_set: null,
    created_at: deps.clock.now(),
  });
  if (!grant) {
    const other = await repo.findGrant(trx, campaign.id, facts.eventId);
    return { kind: 'duplicate' as const, outcome: { status: 'duplicate' as const, grantId: other?.id ?? '' } };
  }
  const decision = await deps.risk.assess(trx, {
    use: 'reward_grant',
    ref: `campaign:${campaign.id}:event:${facts.eventId}`,
    memberId: facts.memberId,
    amount: cost,
    context: { campaignId: campaign.id, eventId: facts.eventId, event: facts.eventName, tier: chosen.tier },
  });
  await repo.setRisk(trx, grant.id, decision);
  return { kind: 'claimed' as const, grant, decision, cost };
}

/** The transactional half of a grant, on the caller's transaction (the lottery's coupon prizes use it inside a draw). */
export async function grantIn(
  deps: GrowthDeps,
  registry: EffectRegistry,
  trx: Tx,
  campaign: repo.CampaignRow,
  facts: EventFacts,
  chosen: { tier: number | null; effects: CampaignEffect[] },
): Promise<GrantOutcome> {
  const now = deps.clock.now();
  const ref = `campaign:${campaign.id}:event:${facts.eventId}`;
  const claimed = await claim(deps, trx, campaign, facts, chosen, 'granted');
  if (claimed.kind === 'duplicate') return claimed.outcome;
  const { grant, decision, cost } = claimed;
  const stop = async (status: repo.GrantStatus): Promise<GrantOutcome> => {
    await repo.finishGrant(trx, grant.id, status, []);
    return { status, grantId: grant.id, cost };
  };
  if (decision.decision !== 'allow') return stop(decision.decision === 'review' ? 'review' : 'denied');
  if (campaign.per_member_limit !== null && !(await repo.takeMember(trx, campaign.id, facts.memberId, campaign.per_member_limit)))
    return stop('member_limit');

  const summaries: Array<{ kind: string; summary: string }> = [];
  for (const [index, effect] of chosen.effects.entries()) {
    const handler = registry.get(effect.kind);
    if (!handler) throw new Error(`no handler registered for effect ${effect.kind}`);
    const summary = await handler.apply(
      {
        trx,
        memberId: facts.memberId,
        campaignId: campaign.id,
        campaignName: campaign.name,
        grantId: grant.id,
        key: `${ref}:${index}`,
        index,
        now,
        facts,
      },
      effect as never,
    );
    summaries.push({ kind: effect.kind, summary });
  }
  // The budget last: its rows (the day's and the campaign's) are locked only for the rest of this
  // transaction, so concurrent grants queue on them for a few statements, not for the effects.
  const day = shanghaiDay(now);
  if (!(await repo.takeDay(trx, campaign.id, day, cost, campaign.daily_money, campaign.daily_count))) throw new BudgetRefused();
  const taken = await repo.takeTotal(trx, campaign.id, cost);
  if (!taken) throw new BudgetRefused();
  const minCost = minCostOf(campaign);
  if (
    (taken.budget_count !== null && taken.granted_count >= taken.budget_count) ||
    (taken.budget_money !== null && minCost > 0n && taken.budget_money - taken.spent_money < minCost)
  )
    await repo.markExhausted(trx, campaign.id);
  await repo.finishGrant(trx, grant.id, 'granted', summaries);
  await deps.outbox.emit(trx, 'growth.granted', {
    memberId: facts.memberId,
    campaignId: campaign.id,
    grantId: grant.id,
    tier: chosen.tier,
    cost: String(cost),
    effects: summaries.map((s) => s.kind),
  });
  return { status: 'granted', grantId: grant.id, cost };
}

/** A refused take: the campaign stops (exhausted) when what is left cannot pay its cheapest grant. */
async function stopWhenSpent(trx: Parameters<typeof repo.findCampaign>[0], campaign: repo.CampaignRow) {
  const now = await repo.findCampaign(trx, campaign.id);
  if (!now || now.status !== 'active') return;
  const countDone = now.budget_count !== null && now.granted_count >= now.budget_count;
  const minCost = minCostOf(campaign);
  const moneyDone = now.budget_money !== null && minCost > 0n && now.budget_money - now.spent_money < minCost;
  if (countDone || moneyDone) await repo.markExhausted(trx, campaign.id);
}
