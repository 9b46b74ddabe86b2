import type { Platform } from '../platform/context.js';
import { demoGrowthSeeded, seedDemoGrowth } from './demo-growth.js';
import { asOperator, seedDemoInvestor, seedDemoModeration } from './demo-stories.js';
import type { Modules } from './modules.js';

/**
 * Demo data for `npm start` (embedded database) and `--demo`. Every demo account's password is
 * `Quanzi2026`; the verified member's payment password is `135790`. The argon2id hashes are
 * precomputed so seeding costs milliseconds, not a second of hashing.
 */
export const DEMO_PASSWORD = 'Quanzi2026';
export const DEMO_PAYMENT_PASSWORD = '135790';
const PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$NU2ITZYxRKeL+l0scoOFHA$a3zK6kFnf1skZ/kaLNluQhXoyYhHxHtbvsB+ZOln1BU';
const PAYMENT_HASH = '$argon2id$v=19$m=19456,t=2,p=1$E20g04j6Oai4Dm0v+DCKvw$Z9ffBkYvo8Cun/xcpQ08ceIk7OwEbfMyLCGLmD/qhow';

export const DEMO_MEMBERS = [
  {
    phone: '13800000001',
    nickname: '稳健的林晓',
    passwordHash: PASSWORD_HASH,
    paymentPasswordHash: PAYMENT_HASH,
    realName: { name: '林晓', idNumber: '110105199003071239' },
    card: { number: '6222020200112345679', reservedPhone: '13800000001' },
    channel: 'wechat',
  },
  { phone: '13800000002', nickname: '圈友0002', passwordHash: PASSWORD_HASH, channel: 'app_store' },
  {
    // Verified with a card and a payment password but no risk assessment yet: walk the investing path.
    phone: '13800000003',
    nickname: '理财新手小周',
    passwordHash: PASSWORD_HASH,
    paymentPasswordHash: PAYMENT_HASH,
    realName: { name: '周敏', idNumber: '110105198806121231' },
    card: { number: '6222020200334561004', reservedPhone: '13800000003' },
    channel: 'douyin',
  },
  // New and not verified; the word filter and the moderators have acted on his posts (see /modlog), and he appealed.
  { phone: '13800000004', nickname: '阿杰爱理财', passwordHash: PASSWORD_HASH, channel: 'douyin' },
];

export const DEMO_OPERATORS = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin' as const] },
  { username: 'community', displayName: '社区经理·周宁', roles: ['community_manager' as const] },
  { username: 'growth', displayName: '增长运营·陈默', roles: ['growth' as const] },
  { username: 'risk', displayName: '风控专员·王珂', roles: ['risk' as const] },
  { username: 'service', displayName: '客服·小圈', roles: ['customer_service' as const] },
  { username: 'compliance', displayName: '合规官·李然', roles: ['compliance' as const] },
  { username: 'finance', displayName: '财务·赵青', roles: ['finance' as const] },
].map((o) => ({ ...o, passwordHash: PASSWORD_HASH }));

export async function seedDemoData(platform: Platform, modules: Modules): Promise<void> {
  const operators = await modules.operators.seedDemo(DEMO_OPERATORS);
  const members = await modules.identity.seedDemo(DEMO_MEMBERS);
  const products = await modules.investing.seedDemo();
  // The lived-in parts are a nicety: a member muted or removed in an earlier demo run must not stop the start.
  const nicety = (what: string, seed: () => Promise<number>) =>
    seed().catch((err: unknown) => {
      platform.logger.warn({ err }, `demo ${what} not seeded`);
      return 0;
    });
  const community = await nicety('community', () => seedCommunity(modules));
  const ids = await demoMemberIds(modules);
  const investor = await nicety('investor', () => seedDemoInvestor(platform, modules, ids.regular, DEMO_PAYMENT_PASSWORD));
  const stories = await nicety('live sessions and moderation log', () => seedStories(modules, ids));
  const ops = await nicety('community operations', async () =>
    (await modules.communityOps.roster()).items.length
      ? 0
      : asOperator(modules, 'community', DEMO_PASSWORD, (op) => modules.communityOps.seedDemo(op)),
  );
  const newbie = await nicety('newbie journey', async () =>
    (await modules.newbie.demoSeeded()) ? 0 : asOperator(modules, 'growth', DEMO_PASSWORD, (op) => modules.newbie.seedDemo(op)),
  );
  const analytics = await nicety('analytics events', async () => (await modules.analytics.seedDemo()).events);
  const risk = await nicety('risk control', () => modules.risk.seedDemo());
  const growth = await nicety('growth campaigns, lottery and mall', async () =>
    (await demoGrowthSeeded(modules))
      ? 0
      : asOperator(modules, 'growth', DEMO_PASSWORD, (op) => seedDemoGrowth(modules, op, platform.clock.now())),
  );
  const seeded = { operators, members, products, community, investor, stories, ops, newbie, analytics, risk, growth };
  if (Object.values(seeded).some(Boolean)) platform.logger.info(seeded, 'demo data seeded');
}

/** The demo members' ids, by their part in the demo (phones as in DEMO_MEMBERS). */
async function demoMemberIds(modules: Modules) {
  const idOf = async (phone: string) => (await modules.identity.searchMembers(phone, 1, 1)).items[0]!.id;
  const [regular, newcomer, expert, offender] = await Promise.all(DEMO_MEMBERS.map((m) => idOf(m.phone)));
  return { regular: regular!, newcomer: newcomer!, expert: expert!, offender: offender! };
}

/** Groups, a conversation, an expert, an official announcement and an open question. */
async function seedCommunity(modules: Modules): Promise<number> {
  const { regular, newcomer, expert } = await demoMemberIds(modules);
  const demand = (await modules.investing.products('demand', 1, 1)).items[0];
  const seeded = await modules.community.seedDemo({ regular, expert, newcomer }, demand?.id ?? null);
  if (!seeded) return 0;
  await modules.forum.seedDemo({ regular, expert });
  return seeded;
}

/** Last night's live session and tomorrow's, and the moderation log's first entries, made by the community manager. */
async function seedStories(modules: Modules, ids: Awaited<ReturnType<typeof demoMemberIds>>): Promise<number> {
  const live = (await modules.live.consoleList({}, 1, 1)).total === 0;
  const modlog = (await modules.moderation.publicModlog({ limit: 1 })).items.length === 0;
  if (!live && !modlog) return 0;
  return asOperator(modules, 'community', DEMO_PASSWORD, async (op) => {
    const host = { memberId: ids.expert, name: '理财新手小周 · 持牌理财师' };
    const sessions = live ? await modules.live.seedDemo({ operator: op, host, regular: ids.regular }) : 0;
    const entries = modlog ? await seedDemoModeration(modules, ids, op) : 0;
    return sessions + entries;
  });
}
