import { describe, expect, it } from 'vitest';
import { useDemoSystem } from '../../../test/flows.js';
import { assess } from '../../../test/invest-flows.js';
import { verifiedMembers } from '../../../test/wallet-flows.js';

const env = useDemoSystem();
const sys = () => env.sys;

describe('checkPromotion on the real catalogue and assessments', () => {
  it('reads products through investing and levels through suitability; low and unassessed members are skipped', async () => {
    const { items } = await sys().modules.investing.products(undefined, 1, 10);
    const risky = items.reduce((a, b) => (b.riskLevel > a.riskLevel ? b : a));
    expect(risky.riskLevel).toBeGreaterThan(1);
    const [high, low, none] = await verifiedMembers(sys(), 3);
    await assess(sys(), high!.memberId, 'highest');
    await assess(sys(), low!.memberId, 'lowest');
    const memberIds = [high!.memberId, low!.memberId, none!.memberId];

    const bare = await sys().modules.compliance.checkPromotion({ text: `${risky.name}今日开售，稳赚`, productIds: [risky.id], memberIds });
    expect(bare.ok).toBe(false);
    expect(bare.violations.map((v) => v.word)).toEqual(['稳赚']);
    expect(bare.missingRiskWarnings).toEqual([risky.id]);

    const withWarning = await sys().modules.compliance.checkPromotion({
      text: `${risky.name}今日开售。${risky.disclosures.riskWarning}`,
      productIds: [risky.id],
      memberIds,
    });
    expect(withWarning).toMatchObject({ ok: true, allowedMemberIds: [high!.memberId], skipped: 2 });

    // The member whose assessment expired is skipped too.
    sys().clock.advance(366 * 24 * 3600_000);
    const later = await sys().modules.compliance.checkPromotion({
      text: `理财非存款、产品有风险、投资须谨慎`,
      productIds: [risky.id],
      memberIds,
    });
    expect(later).toMatchObject({ ok: true, allowedMemberIds: [], skipped: 3 });
  });
});
