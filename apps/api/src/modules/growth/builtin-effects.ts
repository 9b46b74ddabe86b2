import { checkMarketingText } from '../compliance/index.js';
import { AppError } from '../../platform/errors.js';
import { fenToYuan } from '../../platform/money.js';
import { Accounts, credit, debit } from '../ledger/index.js';
import { issueCoupon } from './coupons.js';
import type { GrowthDeps } from './deps.js';
import type { EffectRegistry } from './effects.js';
import * as repo from './repo.js';

/** Product ids named by an effect must exist (and be visible to members). */
async function assertProducts(deps: GrowthDeps, ids: readonly string[] | undefined) {
  if (!ids?.length) return;
  const found = new Set((await deps.investing.promotionFacts(ids)).map((p) => p.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new AppError('CAMPAIGN_INVALID', { reason: `未知产品 ${missing.join(', ')}` });
}

/** Growth's own effect kinds (the lottery adds `lottery_chances` through `growth.registerEffect`). */
export function registerBuiltinEffects(deps: GrowthDeps, registry: EffectRegistry) {
  registry.register('points', {
    async apply(ctx, e) {
      // Loyalty's points ledger, on the grant's transaction, idempotent on the grant's key.
      await deps.points.earn(ctx.trx, {
        memberId: ctx.memberId,
        points: e.points,
        source: 'campaign',
        ref: ctx.key,
        reason: ctx.campaignName,
        ...(e.expiresInDays ? { expiresAt: new Date(ctx.now.getTime() + e.expiresInDays * 86_400_000) } : {}),
      });
      return `积分 ${e.points}`;
    },
  });
  registry.register('red_packet', {
    async apply(ctx, e) {
      const amount = BigInt(e.amount);
      // 现金红包: marketing expense pays the member's available balance.
      await deps.ledger.transfer(ctx.trx, {
        key: `growth:${ctx.key}`,
        kind: 'growth.red_packet',
        memo: `现金红包 · ${ctx.campaignName}`,
        reference: ctx.grantId,
        postings: [debit(Accounts.marketingExpense, amount), credit(Accounts.memberAvailable(ctx.memberId), amount)],
      });
      return `现金红包 ¥${fenToYuan(amount)}`;
    },
  });
  registry.register('experience', {
    async apply(ctx, e) {
      await deps.investing.grantExperienceIn(ctx.trx, {
        memberId: ctx.memberId,
        amount: BigInt(e.amount),
        days: e.days,
        reason: ctx.campaignName,
        grantKey: ctx.key,
      });
      return `体验金 ¥${fenToYuan(BigInt(e.amount))} ${e.days}天`;
    },
  });
  registry.register('coupon', {
    apply: (ctx, e) => issueCoupon(ctx, e.coupon),
    check: (_db, e) => assertProducts(deps, e.coupon.productIds),
  });
  registry.register('badge', {
    async apply(ctx, e) {
      const fresh = await repo.insertBadge(ctx.trx, {
        member_id: ctx.memberId,
        code: e.code,
        name: e.name,
        campaign_id: ctx.campaignId,
        granted_at: ctx.now,
      });
      return fresh ? `徽章「${e.name}」` : `徽章「${e.name}」（已拥有）`;
    },
  });
  registry.register('notification', {
    async apply(ctx, e) {
      await deps.notifications.send(ctx.trx, {
        memberId: ctx.memberId,
        topic: 'campaign_news',
        title: e.title,
        body: e.body,
        link: '/me/coupons',
        dedupeKey: `growth:${ctx.key}`,
      });
      return `通知「${e.title}」`;
    },
    async check(_db, e) {
      const found = [...checkMarketingText(e.title).violations, ...checkMarketingText(e.body).violations];
      if (found.length)
        throw new AppError('MARKETING_COMPLIANCE', { reason: `含有承诺收益的用语：${[...new Set(found.map((f) => f.word))].join('、')}` });
    },
  });
}
