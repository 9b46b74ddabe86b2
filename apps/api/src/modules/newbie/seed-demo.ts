import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { NewbieDeps } from './deps.js';
import { changeGuideStatus, createGuideEntry } from './guide.js';
import * as repo from './repo.js';

/** The demo guide: what customer service hears most from newcomers, answered once, in order. */
const DEMO_GUIDE = [
  { kind: 'step', title: '注册账号', body: '用手机号注册，设置登录密码。注册即完成第一个成长任务。' },
  { kind: 'step', title: '实名认证', body: '填写本人姓名和身份证号。依据反洗钱规定，投资前须完成实名认证，信息加密保存。' },
  { kind: 'step', title: '绑定银行卡', body: '绑定本人名下的借记卡，用于充值和提现，资金只能回到这张卡。' },
  { kind: 'step', title: '完成风险测评', body: '回答风险测评问卷，得到您的风险承受能力等级（C1–C5），只能购买与等级匹配的产品。' },
  { kind: 'step', title: '首次投资', body: '在新手专区选择新手专享产品完成首投，投资前请阅读产品说明书和风险揭示。' },
  {
    kind: 'article',
    title: '业绩比较基准是承诺收益吗？',
    body: '不是。业绩比较基准只是产品管理人设定的投资目标参考，不代表未来表现，也不构成收益承诺。实际收益以发行机构公布为准。',
    source: 'customer_service',
  },
  {
    kind: 'article',
    title: '我的钱放在哪里？',
    body: '充值资金存放在托管银行的客户资金账户，与平台自有资金分开记账；平台不承诺保本保息。',
    source: 'customer_service',
  },
  {
    kind: 'article',
    title: '提现多久到账？',
    body: '提现申请提交后通常当日到账；单笔 5,000 元以上需人工复核，节假日顺延。',
    source: 'customer_service',
  },
  { kind: 'privilege', title: '新手专享产品', body: '从未投资过的用户可购买新手专享产品，每人限购一次。' },
  { kind: 'privilege', title: '体验金', body: '新用户可获得体验金，体验金收益由平台营销预算支付，本金不可提现。' },
  { kind: 'privilege', title: '成长任务积分', body: '完成注册、实名、绑卡、首投、复投五个成长任务，每一步都有积分奖励。' },
] as const;

/** The newbie-only demo product and the demo guide (published), once. */
export async function seedDemoNewbie(deps: NewbieDeps, op: OperatorPrincipal): Promise<number> {
  let created = await deps.investing.seedDemoNewbieProduct();
  if ((await repo.guideCount(deps.db)) > 0) return created;
  let position = 0;
  for (const entry of DEMO_GUIDE) {
    const row = await createGuideEntry(
      deps,
      op,
      {
        kind: entry.kind,
        title: entry.title,
        body: entry.body,
        position: position++,
        source: 'source' in entry ? entry.source : 'editorial',
      },
      null,
    );
    await changeGuideStatus(deps, op, row.id, 'published', null);
    created++;
  }
  return created;
}
