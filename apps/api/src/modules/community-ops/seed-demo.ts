import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { scheduleEntry } from './calendar.js';
import type { CommunityOpsDeps } from './deps.js';
import { createKeywordReply } from './keyword-replies.js';
import * as repo from './repo.js';
import { addDutySlot } from './roster.js';
import { createSopTemplate } from './sop.js';

/**
 * The demo's community operations, made by the community manager through the use cases (so they
 * are audited): 周宁 on duty 09:00–21:00 every day, a keyword reply and two calendar entries in
 * 稳健理财交流圈, and two SOP templates to apply. Once: skipped when a roster exists.
 */
export async function seedDemoOps(deps: CommunityOpsDeps, op: OperatorPrincipal): Promise<number> {
  if ((await repo.roster(deps.db)).length) return 0;
  let n = 0;
  for (let weekday = 1; weekday <= 7; weekday++) {
    await addDutySlot(deps, op, { operatorId: op.operatorId, weekday, start: '09:00', end: '21:00' }, null);
    n++;
  }
  const group = (await deps.community.consoleGroups({ q: '稳健理财交流圈', limit: 1 })).items[0];
  if (group) {
    await createKeywordReply(
      deps,
      op,
      group.id,
      { matchKind: 'exact', pattern: '人工客服', reply: '人工客服每天 9:00–21:00 在线：在“我的 - 帮助与客服”里可以直接联系我们。' },
      null,
    );
    await scheduleEntry(
      deps,
      op,
      group.id,
      {
        title: '每周直播预告',
        body: '本周四晚 8 点直播预告：持牌理财师聊聊活期和定期怎么搭配，欢迎在“直播”里预约。理财非存款、产品有风险、投资须谨慎。',
        repeat: 'weekly',
        weekday: 4,
        time: '12:00',
      },
      null,
    );
    n += 2;
  }
  await createSopTemplate(
    deps,
    op,
    {
      kind: 'stage',
      name: '组建期 · 三日破冰',
      stage: 'formation',
      steps: [
        { dayOffset: 0, time: '20:00', title: '群规', body: '欢迎来到本圈！发言前请先读一读社区公约，理性交流、不荐股、不私下交易。' },
        { dayOffset: 1, time: '12:00', title: '破冰', body: '大家好！用一句话介绍一下自己：你最关心哪类理财问题？' },
        { dayOffset: 2, time: '20:00', title: '答疑', body: '今晚 8 点理财师在群里答疑，想问什么可以先留言。' },
      ],
    },
    null,
  );
  await createSopTemplate(
    deps,
    op,
    {
      kind: 'lifecycle',
      name: '新人 7 日陪伴',
      steps: [
        { day: 0, title: '欢迎加入{{group}}', body: '{{nickname}}，欢迎你！群公告里有新手指南，有问题直接在群里问。' },
        { day: 1, title: '新手指南', body: '试试在群里问一个问题，理财师和圈友会回复你。' },
        { day: 3, title: '逛逛话题', body: '加入 3 天了，去“广场”看看大家都在聊什么吧。' },
        { day: 7, title: '一周回访', body: '加入一周了，欢迎告诉我们你的感受和建议。' },
      ],
    },
    null,
  );
  return n + 2;
}
