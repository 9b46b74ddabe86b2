import { Accounts, credit, debit } from '../modules/ledger/index.js';
import type { OperatorPrincipal } from '../platform/http/auth.js';
import type { Platform } from '../platform/context.js';
import { transact } from '../platform/db/transact.js';
import type { Modules } from './modules.js';

/**
 * The lived-in parts of the demo that the README and its screenshot promise: 林晓's assessment,
 * balance and holding, last night's live session with its recap and tomorrow's, and a few entries in
 * the public moderation log. Everything goes through the modules' own use cases (suitability,
 * ledger, investing, live, community, moderation), so the books balance, the audit log and the
 * inboxes read as if people had done it. Every step is idempotent: a restart, or a start after a
 * crash halfway, adds nothing twice and finishes what was missing.
 */

const SEED_CLIENT = { ip: '127.0.0.1', userAgent: 'Quanzi demo seed' };

/** 林晓's money: what her wallet shows after her first top-ups, and what she put into 现金管理A. */
export const DEMO_INVESTOR = {
  openingBalanceFen: 1_000_000n,
  holdingFen: 100_000n,
  /** 平衡型 (C3, score 58): she may buy every demo product (R1–R3). */
  answers: {
    age: 'b',
    income: 'c',
    investable_share: 'c',
    experience_years: 'c',
    experience_products: 'c',
    knowledge: 'c',
    goal: 'b',
    horizon: 'b',
    loss_tolerance: 'b',
    drawdown_reaction: 'c',
    funds_source: 'c',
  },
} as const;

export interface DemoCast {
  /** 林晓: the regular. */
  regular: string;
  /** 小周 (周敏): the appointed expert, admin of 稳健理财交流圈, owner of 新手入门圈. */
  expert: string;
  /** 阿杰: the member whose posts the filter and the moderators acted on. */
  offender: string;
}

/** Signed in and out like anyone in the console, so the audit log shows which operator did it. */
export async function asOperator<T>(modules: Modules, username: string, password: string, fn: (op: OperatorPrincipal) => Promise<T>) {
  const { token } = await modules.operators.login(username, password, SEED_CLIENT);
  const op = await modules.operators.resolveSession(token);
  if (!op) throw new Error(`demo operator ${username} has no session`);
  try {
    return await fn(op);
  } finally {
    await modules.operators.logout(op, SEED_CLIENT);
  }
}

/**
 * 林晓 has taken the risk assessment, holds ¥1,000 of 现金管理A (活期) and has ¥9,000 left in her
 * wallet. The balance is booked as money already at the custodian (the ledger's opening entry for
 * her), since the sandbox gateway cannot take a payment before the server listens.
 */
export async function seedDemoInvestor(platform: Platform, modules: Modules, memberId: string, paymentPassword: string): Promise<number> {
  let done = 0;
  if (!(await modules.suitability.current(memberId)).level) {
    const answers = Object.entries(DEMO_INVESTOR.answers).map(([questionId, optionId]) => ({ questionId, optionId }));
    await modules.suitability.submit(memberId, answers, 'zh-CN');
    done++;
  }
  const funded = await transact(platform.db, (trx) =>
    modules.ledger.transfer(trx, {
      key: `demo:opening-balance:${memberId}`,
      kind: 'demo.opening_balance',
      memo: '演示账户初始资金',
      postings: [
        debit(Accounts.custodianCash, DEMO_INVESTOR.openingBalanceFen),
        credit(Accounts.memberAvailable(memberId), DEMO_INVESTOR.openingBalanceFen),
      ],
    }),
  );
  if (!funded.replayed) done++;
  const demand = (await modules.investing.products('demand', 1, 1)).items[0];
  if (demand) {
    const before = (await modules.ledger.memberBalances(memberId)).member_available;
    await modules.investing.purchase(
      memberId,
      {
        productId: demand.id,
        amount: String(DEMO_INVESTOR.holdingFen),
        paymentPassword,
        fundedBy: 'cash',
        acceptedContractVersion: demand.contractVersion,
      },
      SEED_CLIENT,
      'demo-seed:first-holding',
    );
    if ((await modules.ledger.memberBalances(memberId)).member_available !== before) done++;
  }
  return done;
}

/**
 * The public log's first entries, in 新手入门圈: the filter holds 阿杰's question about 保本 (it waits
 * in the console's queue), the group's owner 小周 hides his 加微信 post, the community manager warns
 * him, and 阿杰 appeals the hide — an appeal the compliance officer (not the one who acted) decides.
 */
export async function seedDemoModeration(modules: Modules, cast: DemoCast, communityManager: OperatorPrincipal): Promise<number> {
  if ((await modules.moderation.publicModlog({ limit: 1 })).items.length) return 0;
  const newbies = (await modules.community.groups(cast.offender, { view: 'discover', q: '新手入门圈', limit: 5 })).items.find(
    (g) => g.name === '新手入门圈',
  );
  if (!newbies) return 0;
  await modules.community.join(cast.offender, newbies.id);
  await modules.community.post(cast.offender, newbies.id, { text: '刚来，请问这里的产品都保本吗？亏了能赔吗？' });
  const lure = await modules.community.post(cast.offender, newbies.id, { text: '想一起薅羊毛的加微信 aj2026，带你找高收益' });
  const hide = await modules.moderation.act(undefined, {
    actor: { kind: 'member', memberId: cast.expert },
    action: 'hide',
    target: { type: 'message', id: lure.id },
    ruleCode: 'R2',
    reason: '留微信号拉新人到站外，可能诱导私下交易',
  });
  await modules.moderation.act(undefined, {
    actor: { kind: 'operator', operator: communityManager, ip: SEED_CLIENT.ip },
    action: 'warn',
    target: { type: 'member', id: cast.offender },
    ruleCode: 'R2',
    reason: '在新手入门圈留联系方式引流，首次提醒',
  });
  await modules.moderation.appeal(cast.offender, { actionId: hide.id, reason: '我只是想和大家交流理财心得，没有要骗人。' });
  return 4;
}
