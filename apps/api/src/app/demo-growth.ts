import type { CampaignDefinition, CreateMallItem, CreateWheel } from '@quanzi/contracts';
import type { OperatorPrincipal } from '../platform/http/auth.js';
import type { Modules } from './modules.js';

/**
 * The landing link's UTM campaign of the demo's 新人礼 (`/?utm_campaign=newbie-gift`): the tiered
 * first-investment reward is for members who registered through it, so the demo's campaigns never
 * touch the points of members that other flows (and their tests) register.
 */
export const DEMO_GIFT_UTM = 'newbie-gift';
export const DEMO_CAMPAIGNS = {
  welcome: '新人注册礼 · 满减券',
  firstInvestment: '新人首投礼 · 投得越多奖励越多',
  wheelCoupon: '转盘奖品 · 满减券',
  mallCoupon: '积分商城 · 满减券',
} as const;
export const DEMO_WHEEL = '新人幸运转盘';

const DAY = 86_400_000;
const LAST_ITEM = '圈子定制保温杯';

/** Whether the last step below has run (a start then logs no operator in for nothing). */
export async function demoGrowthSeeded(modules: Modules): Promise<boolean> {
  return (await modules.mall.consoleItems(1, 100)).items.some((i) => i.name === LAST_ITEM);
}

/**
 * Growth alive in the demo, through the modules' own use cases and once: a registration coupon
 * (满减 ¥8 on ¥500, every new member), a tiered first-investment campaign (points, a draw chance
 * and an in-app notice), an open wheel with points, coupon and no-prize slots, and mall items
 * (virtual: a coupon, draw chances; physical: a thermos that ships).
 */
export async function seedDemoGrowth(modules: Modules, op: OperatorPrincipal, at: Date): Promise<number> {
  const { growth, lottery, mall } = modules;
  let created = 0;
  const now = at.getTime();
  const window = { startsAt: new Date(now - DAY).toISOString(), endsAt: new Date(now + 365 * DAY).toISOString() };
  const campaigns = new Map((await growth.campaigns(1, 100)).items.map((c) => [c.name, c.id]));
  const campaign = async (def: Omit<CampaignDefinition, 'startsAt' | 'endsAt' | 'conditions'> & Partial<CampaignDefinition>) => {
    const known = campaigns.get(def.name);
    if (known) return known;
    const c = await growth.createCampaign(op, { conditions: [], ...window, ...def }, null);
    created++;
    return c.id;
  };
  const prizeCoupon = (name: string) =>
    campaign({
      name,
      trigger: 'lottery_prize',
      budget: { totalCount: 10_000 },
      effects: [{ kind: 'coupon', coupon: { type: 'cash_back', threshold: '100000', amount: '500', validDays: 30 } }],
    });

  await campaign({
    name: DEMO_CAMPAIGNS.welcome,
    trigger: 'registered',
    budget: { totalCount: 100_000, dailyCount: 5_000 },
    perMemberLimit: 1,
    effects: [{ kind: 'coupon', coupon: { type: 'cash_back', threshold: '50000', amount: '800', validDays: 30 } }],
  });

  const wheelCoupon = await prizeCoupon(DEMO_CAMPAIGNS.wheelCoupon);
  let wheel = (await lottery.consoleWheels(1, 100)).items.find((w) => w.name === DEMO_WHEEL);
  if (!wheel) {
    const input: CreateWheel = {
      name: DEMO_WHEEL,
      pointsCost: 20,
      guaranteeAfter: 5,
      prizes: [
        { name: '88 积分', kind: 'points', weight: 30, points: 88 },
        { name: '5 元满减券', kind: 'coupon', weight: 20, stock: 500, couponRef: wheelCoupon },
        { name: '8 积分', kind: 'points', weight: 20, points: 8 },
        { name: '谢谢参与', kind: 'none', weight: 30 },
      ],
    };
    wheel = await lottery.createWheel(op, input, null);
    created++;
  }
  if (wheel.status === 'draft') await lottery.changeStatus(op, wheel.id, 'open', null);

  const notice = {
    kind: 'notification',
    title: '首投奖励已到账',
    body: '积分和抽奖机会已放入你的账户，可在积分页和幸运转盘查看。',
  } as const;
  const chance = { kind: 'lottery_chances', wheelId: wheel.id, count: 1 } as const;
  await campaign({
    name: DEMO_CAMPAIGNS.firstInvestment,
    trigger: 'first_investment',
    conditions: [{ kind: 'registration_channel', utmCampaigns: [DEMO_GIFT_UTM] }],
    budget: { totalCount: 100_000 },
    perMemberLimit: 1,
    tiers: [
      { minAmount: '10000', effects: [{ kind: 'points', points: 100, expiresInDays: 365 }, chance, notice] },
      { minAmount: '100000', effects: [{ kind: 'points', points: 300, expiresInDays: 365 }, chance, notice] },
      { minAmount: '500000', effects: [{ kind: 'points', points: 1000, expiresInDays: 365 }, { ...chance, count: 3 }, notice] },
    ],
  });

  const mallCoupon = await prizeCoupon(DEMO_CAMPAIGNS.mallCoupon);
  const items = new Set((await mall.consoleItems(1, 100)).items.map((i) => i.name));
  const item = async (input: CreateMallItem) => {
    if (items.has(input.name)) return;
    await mall.createItem(op, input, null);
    created++;
  };
  await item({
    name: '5 元满减券',
    description: '单笔投资满 1,000 元立减 5 元，30 天内有效。',
    kind: 'virtual',
    pointsPrice: 200,
    stock: 1000,
    perMemberLimit: 5,
    grant: { kind: 'coupon', couponRef: mallCoupon },
  });
  await item({
    name: '幸运转盘抽奖券 ×3',
    description: '兑换后立即获得 3 次「新人幸运转盘」抽奖机会。',
    kind: 'virtual',
    pointsPrice: 50,
    stock: 10_000,
    perMemberLimit: 10,
    grant: { kind: 'lottery_chances', wheelId: wheel.id, count: 3 },
  });
  await item({
    name: LAST_ITEM,
    description: '304 不锈钢，500ml，包邮寄送。',
    kind: 'physical',
    pointsPrice: 1500,
    stock: 50,
    perMemberLimit: 1,
  });
  return created;
}
