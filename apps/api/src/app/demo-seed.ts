import type { Platform } from '../platform/context.js';
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
  // Demo conversation is a nicety: a member muted or removed in an earlier demo run must not stop the start.
  const community = await seedCommunity(modules).catch((err: unknown) => {
    platform.logger.warn({ err }, 'demo community not seeded');
    return 0;
  });
  if (operators || members || products || community) platform.logger.info({ operators, members, products, community }, 'demo data seeded');
}

/** Groups, a conversation, an expert, an official announcement and an open question. */
async function seedCommunity(modules: Modules): Promise<number> {
  const idOf = async (phone: string) => (await modules.identity.searchMembers(phone, 1, 1)).items[0]!.id;
  const [regular, newcomer, expert] = await Promise.all(DEMO_MEMBERS.map((m) => idOf(m.phone)));
  const demand = (await modules.investing.products('demand', 1, 1)).items[0];
  const seeded = await modules.community.seedDemo({ regular: regular!, expert: expert!, newcomer: newcomer! }, demand?.id ?? null);
  if (!seeded) return 0;
  await modules.forum.seedDemo({ regular: regular!, expert: expert! });
  return seeded;
}
