import { transact } from '../../platform/db/transact.js';
import type { CommunityDeps } from './deps.js';
import { postMessage } from './post-message.js';
import * as repo from './repo.js';
import { shanghaiDay } from '../../platform/clock.js';

/**
 * A lived-in community for `npm start`: two regulars (one an appointed expert), public groups to
 * join, a private one, a group around the demand product, and a conversation to read. Seeds once.
 */
export async function seedDemoCommunity(
  deps: CommunityDeps,
  members: { regular: string; expert: string; newcomer: string },
  productId: string | null,
) {
  const existing = await repo.listGroups(deps.db, { memberId: null, view: 'all', limit: 1 });
  if (existing.length) return 0;
  const now = deps.clock.now();
  const groups = await transact(deps.db, async (trx) => {
    const make = (name: string, description: string, extra: Partial<repo.GroupRow> = {}) =>
      repo.insertGroup(trx, {
        name,
        description,
        visibility: 'public',
        join_policy: 'open',
        invite_code: null,
        topic: null,
        product_id: null,
        slow_mode_seconds: 0,
        announcement: null,
        created_by: '社区经理·周宁',
        created_at: now,
        ...extra,
      });
    const main = await make('稳健理财交流圈', '聊聊活期、定期和风险等级；欢迎提问，也欢迎批评。', {
      topic: '理财',
      announcement: '本圈遵守《社区公约》：不承诺收益、不站外引流。对平台和产品的批评可以直说。',
    });
    const newbies = await make('新手入门圈', '第一次理财？从风险测评、体验金和活期开始。', { topic: '新手' });
    const product = productId
      ? await make('活期持有人圈', '活期产品持有人交流万份收益与赎回到账。', { product_id: productId, slow_mode_seconds: 10 })
      : null;
    const vip = await make('高净值会员圈', '需要圈主审核；讨论资产配置。', { visibility: 'private', join_policy: 'approval' });
    for (const memberId of [members.regular, members.expert]) {
      // Regulars who have been around for a while: past the newcomer limits.
      await repo.seedTrust(trx, {
        member_id: memberId,
        first_seen_at: new Date(now.getTime() - 30 * 86_400_000),
        last_visit_day: shanghaiDay(now),
        days_visited: 14,
        posts_read: 320,
        replies_received: 15,
      });
    }
    const join = async (groupId: string, memberId: string, role: repo.Role) => {
      await repo.insertMembership(trx, {
        group_id: groupId,
        member_id: memberId,
        role,
        state: 'active',
        joined_at: now,
        last_read_seq: 0n,
      });
      await repo.addToMemberCount(trx, groupId, 1);
    };
    await join(main.id, members.expert, 'admin');
    await join(main.id, members.regular, 'member');
    await join(newbies.id, members.expert, 'owner');
    await join(vip.id, members.regular, 'owner');
    if (product) await join(product.id, members.regular, 'member');
    await repo.upsertExpert(trx, { member_id: members.expert, title: '持牌理财师', appointed_by: '社区经理·周宁', appointed_at: now });
    return { main, newbies };
  });
  const say = (memberId: string, text: string) => postMessage(deps, memberId, groups.main.id, { text });
  const q = await say(members.regular, '请教一下：活期的万份收益每天都不一样，是怎么算出来的？');
  await postMessage(deps, members.expert, groups.main.id, {
    text: '万份收益是产品方每天公布的、每一万元份额当天的收益。你的收益 = 持有金额 × 万份收益 ÷ 10000。它每天波动，过去的数字不代表未来。',
    replyToId: q.id,
    mentions: [members.regular],
  });
  await say(members.regular, '明白了，谢谢！另外定期产品提前急用钱能赎回吗？');
  await postMessage(deps, members.expert, groups.newbies.id, {
    text: '新朋友先做风险测评，再从低风险的活期开始熟悉，体验金只能用于指定产品。',
  });
  return 4;
}
