import type { Tx } from '../../platform/db/connect.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import type { GrowthDeps } from './deps.js';
import type { EffectRegistry } from './effects.js';
import { BudgetRefused, grantIn } from './engine.js';
import * as repo from './repo.js';

/** What the lottery hands a coupon prize handler (its `PrizeGrant`, structurally). */
export interface CouponPrize {
  memberId: string;
  drawId: string;
  prize: { name: string; couponRef: string | null };
}

/**
 * Coupon prizes for the lottery (`lottery.prizeHandlers.register('coupon', growth.couponPrize)`):
 * the prize's `couponRef` names a running campaign with the `lottery_prize` trigger whose coupon
 * effects are the prize. The coupon
 * is a grant of that campaign keyed by the draw (one per draw), through its risk check and budget,
 * in the draw's transaction — so a spent budget refuses the draw (CAMPAIGN_STATE_CONFLICT) rather
 * than handing out coupons nobody pays for.
 */
export function couponPrizeHandler(deps: GrowthDeps, registry: EffectRegistry) {
  return async (trx: Tx, grant: CouponPrize): Promise<void> => {
    const ref = grant.prize.couponRef;
    const campaign = ref && isUuid(ref) ? await repo.findCampaign(trx, ref) : undefined;
    const coupons = campaign?.effects.filter((e) => e.kind === 'coupon') ?? [];
    if (!campaign || campaign.trigger !== 'lottery_prize' || !coupons.length)
      throw new AppError('CAMPAIGN_INVALID', { reason: '奖品未关联可发券的活动' });
    // The same draw again (a retried transaction): its coupon is already there.
    if (await repo.findGrant(trx, campaign.id, grant.drawId)) return;
    const now = deps.clock.now();
    if (campaign.status !== 'active' || now < campaign.starts_at || now >= campaign.ends_at) throw new AppError('CAMPAIGN_STATE_CONFLICT');
    const outcome = await grantIn(
      deps,
      registry,
      trx,
      campaign,
      {
        eventId: grant.drawId,
        eventName: 'lottery.drawn',
        memberId: grant.memberId,
        occurredAt: now,
        amount: null,
        productId: null,
        groupId: null,
        orderId: null,
      },
      { tier: null, effects: coupons },
    ).catch((err: unknown) => {
      // The budget cannot pay it: the draw is refused (and rolls back), never a coupon nobody pays for.
      if (err instanceof BudgetRefused) throw new AppError('CAMPAIGN_STATE_CONFLICT');
      throw err;
    });
    if (outcome.status !== 'granted' && outcome.status !== 'duplicate') throw new AppError('CAMPAIGN_STATE_CONFLICT');
  };
}

/**
 * Why `couponRef` cannot name a coupon prize (null when it can): checked when a wheel or a mall item
 * is created, so a prize nobody can grant is refused then rather than at the member's draw.
 */
export async function prizeCampaignProblem(deps: GrowthDeps, ref: string): Promise<string | null> {
  const campaign = isUuid(ref) ? await repo.findCampaign(deps.db, ref) : undefined;
  if (!campaign) return '奖品关联的活动不存在';
  if (campaign.trigger !== 'lottery_prize') return '奖品须关联触发条件为“抽奖奖品”的活动';
  if (!campaign.effects.some((e) => e.kind === 'coupon')) return '奖品关联的活动没有发券';
  return null;
}
