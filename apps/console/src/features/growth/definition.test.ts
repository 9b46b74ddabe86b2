import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { CampaignDefinition } from '@quanzi/contracts';
import { toDefinition } from './definition';

describe('campaign builder form → definition', () => {
  it('turns yuan into fen, comma lists into arrays and tiers into the API shape the server accepts', () => {
    const def = toDefinition({
      name: ' 投资阶梯 ',
      trigger: 'investment',
      window: [dayjs('2026-12-01T00:00:00+08:00'), dayjs('2026-12-31T00:00:00+08:00')],
      totalMoney: '1000',
      dailyCount: 50,
      perMemberLimit: 2,
      conditions: [
        { kind: 'amount_min', amount: '100.5' },
        { kind: 'product', productTypes: ['fixed'] },
      ],
      mode: 'tiers',
      tiers: [
        { minAmount: '1000', effects: [{ kind: 'red_packet', amount: '5' }] },
        {
          minAmount: '5000',
          effects: [
            { kind: 'coupon', couponType: 'cash_back', threshold: '1000', couponAmount: '10', validDays: 30, productIds: 'a, b' },
            { kind: 'points', points: 100 },
          ],
        },
      ],
    });
    expect(def).toMatchObject({
      name: '投资阶梯',
      budget: { totalMoney: '100000', dailyCount: 50 },
      perMemberLimit: 2,
      conditions: [
        { kind: 'amount_min', min: '10050' },
        { kind: 'product', productTypes: ['fixed'] },
      ],
      tiers: [
        { minAmount: '100000', effects: [{ kind: 'red_packet', amount: '500' }] },
        {
          minAmount: '500000',
          effects: [
            { kind: 'coupon', coupon: { type: 'cash_back', threshold: '100000', amount: '1000', validDays: 30, productIds: ['a', 'b'] } },
            { kind: 'points', points: 100 },
          ],
        },
      ],
    });
    expect(def.effects).toBeUndefined();
    // Apart from the placeholder product ids, the server's own schema takes it as is.
    const parsed = CampaignDefinition.safeParse({ ...def, tiers: [def.tiers![0]] });
    expect(parsed.success).toBe(true);
  });
});
