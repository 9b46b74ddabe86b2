import { transact } from '../../platform/db/transact.js';
import type { ForumDeps } from './deps.js';
import { createReply } from './create-reply.js';
import { createThread } from './create-thread.js';
import { insertThread } from './insert-thread.js';

/** The square's first posts for `npm start`: an official welcome, a discussion and an answered question. */
export async function seedDemoForum(deps: ForumDeps, members: { regular: string; expert: string }) {
  await transact(deps.db, (trx) =>
    insertThread(deps, trx, {
      authorId: null,
      groupId: null,
      kind: 'post',
      official: true,
      operator: null,
      title: '欢迎来到圈子：先读社区公约',
      body: '这里是会员交流理财经验的地方。\n\n- 平台只做信息撮合，资金由存管银行存管；\n- 任何产品都**不承诺保本保收益**，业绩比较基准不代表未来表现；\n- 处理记录全部公开在「公开处理记录」，对处理有异议可以申诉。\n\n#新手必读#',
    }),
  );
  await createThread(deps, members.regular, {
    kind: 'post',
    title: '记录一下我的第一笔定期',
    body: '买了 90 天的定期，起息是 T+1。大家一般怎么安排活期和定期的比例？ #理财日记#',
    productIds: [],
    mentions: [],
  });
  const question = await createThread(deps, members.regular, {
    kind: 'question',
    title: '定期到期后本金多久回到钱包？',
    body: '第一次买定期，想确认一下到期当天能不能提现。',
    productIds: [],
    mentions: [],
  });
  await createReply(deps, members.expert, question, {
    body: '到期日的夜间结算后，本金和产品方公布的实际收益会一起回到钱包可用余额，第二天就可以提现。实际收益以公布为准，可能与业绩比较基准不同。',
    mentions: [],
  });
}
