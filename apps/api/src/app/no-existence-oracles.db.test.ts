import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup, post, regulars, type Member } from '../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../test/flows.js';
import { call, type Call } from '../../test/harness.js';
import { assess, fundWallet } from '../../test/invest-flows.js';
import { PAYMENT_PASSWORD } from '../../test/wallet-flows.js';
import { transact } from '../platform/db/transact.js';

/**
 * No existence oracles (ARCHITECTURE.md, invariant 18): every member route that names something the
 * caller may not see answers exactly as it does for an id that was never issued — same status, same
 * code, same message. Each row names a route, the request for a thing that exists but is hidden from
 * an outsider, and the same request with a random id in its place.
 */
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });

interface Fixture {
  outsider: Member;
  /** An approval-only private group (discoverable: outsiders see it exists) and an invite-only one (not). */
  approvalGroup: string;
  inviteGroup: string;
  publicGroup: string;
  messageInApproval: string;
  messageInInvite: string;
  /** Held for review by the word filter: only their author sees them. */
  heldMessage: string;
  heldThread: string;
  squareThread: string;
  threadInApproval: string;
  replyInApproval: string;
  threadInInvite: string;
  liveInApproval: string;
  questionInApproval: string;
  commentInApproval: string;
  draftProduct: string;
  /** A product on sale, and a 满减 coupon of another member's covering it (growth). */
  onSaleProduct: { id: string; minAmount: string; contractVersion: string };
  coupon: string;
  holding: string;
  order: string;
  card: string;
  session: string;
  action: string;
  draftWheel: string;
  insiderDraw: string;
  offSaleItem: string;
  insiderMallOrder: string;
}
let f: Fixture;

const R = () => crypto.randomUUID();
type Probe = Omit<Call, 'token'> & { idempotent?: boolean; signedOut?: boolean };
/** [route, the hidden thing's request, the same request with a random id]. */
type Row = [route: string, (f: Fixture) => [hidden: Probe, random: Probe]];

const same = (build: (id: string) => Probe, hidden: (f: Fixture) => string): Row[1] => {
  return (fx) => [build(hidden(fx)), build(R())];
};

const ROWS: Row[] = [
  // ---- groups: an invite-only group does not exist for those it has not let in
  [
    'GET /groups/:id',
    same(
      (id) => ({ url: `/api/v1/groups/${id}` }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/join',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/join`, body: {} }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/join (wrong invite code)',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/join`, body: { inviteCode: 'WRONG234' } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/leave',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/leave` }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'GET /groups/:id/messages',
    same(
      (id) => ({ url: `/api/v1/groups/${id}/messages` }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/messages',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/messages`, body: { text: '你好' } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/read',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/read`, body: { seq: '1' } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'PUT /groups/:id/mute',
    same(
      (id) => ({ method: 'PUT', url: `/api/v1/groups/${id}/mute`, body: { muted: true } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'GET /groups/:id/members',
    same(
      (id) => ({ url: `/api/v1/groups/${id}/members` }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/join-requests',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/join-requests`, body: { memberId: R(), approve: true } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'PATCH /groups/:id',
    same(
      (id) => ({ method: 'PATCH', url: `/api/v1/groups/${id}`, body: { description: '改' } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'PUT /groups/:id/pin',
    same(
      (id) => ({ method: 'PUT', url: `/api/v1/groups/${id}/pin`, body: { messageId: null } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/invite-code',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/invite-code` }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /groups/:id/images',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/groups/${id}/images`, headers: { 'content-type': 'image/png' }, rawBody: png(200, 200) }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'GET /groups/:gid/images/:id',
    same(
      (id) => ({ url: `/api/v1/groups/${id}/images/${R()}` }),
      (x) => x.inviteGroup,
    ),
  ],
  // ---- messages of a private group the outsider cannot read
  [
    'POST /messages/:id/reactions',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/messages/${id}/reactions`, body: { emoji: '👍', on: true } }),
      (x) => x.messageInApproval,
    ),
  ],
  [
    'POST /messages/:id/recall',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/messages/${id}/recall` }),
      (x) => x.messageInApproval,
    ),
  ],
  [
    'POST /groups/:id/messages (replyToId of another group)',
    (x) => {
      const build = (id: string): Probe => ({
        method: 'POST',
        url: `/api/v1/groups/${x.publicGroup}/messages`,
        body: { text: '回复', replyToId: id },
      });
      return [build(x.messageInApproval), build(R())];
    },
  ],
  [
    'POST /reports (message in a private group)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'message', targetId: id, ruleCode: 'R2' } }),
      (x) => x.messageInApproval,
    ),
  ],
  [
    'POST /reports (message in an invite-only group)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'message', targetId: id, ruleCode: 'R2' } }),
      (x) => x.messageInInvite,
    ),
  ],
  [
    'POST /reports (a message held for review)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'message', targetId: id, ruleCode: 'R2' } }),
      (x) => x.heldMessage,
    ),
  ],
  // ---- threads and replies of a private group
  [
    'GET /threads/:id',
    same(
      (id) => ({ url: `/api/v1/threads/${id}` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'GET /threads/:id (invite-only group)',
    same(
      (id) => ({ url: `/api/v1/threads/${id}` }),
      (x) => x.threadInInvite,
    ),
  ],
  [
    'GET /threads/:id (signed out, private group)',
    same(
      (id) => ({ url: `/api/v1/threads/${id}`, signedOut: true }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'GET /threads/:id/replies (signed out, private group)',
    same(
      (id) => ({ url: `/api/v1/threads/${id}/replies`, signedOut: true }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'GET /threads/:id/replies',
    same(
      (id) => ({ url: `/api/v1/threads/${id}/replies` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'POST /threads/:id/replies',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/threads/${id}/replies`, body: { body: '路过' } }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'POST /threads/:id/like',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/threads/${id}/like` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'DELETE /threads/:id/like',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/threads/${id}/like` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'POST /threads/:id/bookmark',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/threads/${id}/bookmark` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'DELETE /threads/:id/bookmark',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/threads/${id}/bookmark` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'DELETE /threads/:id',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/threads/${id}` }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'POST /threads/:id/accept',
    (x) => {
      const build = (id: string): Probe => ({ method: 'POST', url: `/api/v1/threads/${id}/accept`, body: { replyId: x.replyInApproval } });
      return [build(x.threadInApproval), build(R())];
    },
  ],
  [
    'POST /replies/:id/like',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/replies/${id}/like` }),
      (x) => x.replyInApproval,
    ),
  ],
  [
    'DELETE /replies/:id/like',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/replies/${id}/like` }),
      (x) => x.replyInApproval,
    ),
  ],
  [
    'DELETE /replies/:id',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/replies/${id}` }),
      (x) => x.replyInApproval,
    ),
  ],
  [
    'POST /threads (groupId of an invite-only group)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/threads', body: { title: '有人吗有人吗', body: '路过看看', groupId: id } }),
      (x) => x.inviteGroup,
    ),
  ],
  [
    'POST /threads/:id/replies (quoting a reply of a private thread)',
    (x) => {
      const build = (id: string): Probe => ({
        method: 'POST',
        url: `/api/v1/threads/${x.squareThread}/replies`,
        body: { body: '引用一下', quoteReplyId: id },
      });
      return [build(x.replyInApproval), build(R())];
    },
  ],
  [
    'GET /threads/:id (held for review)',
    same(
      (id) => ({ url: `/api/v1/threads/${id}` }),
      (x) => x.heldThread,
    ),
  ],
  [
    'POST /reports (a thread held for review)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'thread', targetId: id, ruleCode: 'R3' } }),
      (x) => x.heldThread,
    ),
  ],
  [
    'POST /reports (thread in a private group)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'thread', targetId: id, ruleCode: 'R2' } }),
      (x) => x.threadInApproval,
    ),
  ],
  [
    'POST /reports (reply in a private group)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'reply', targetId: id, ruleCode: 'R2' } }),
      (x) => x.replyInApproval,
    ),
  ],
  // ---- live sessions of a private group
  [
    'GET /live/:id',
    same(
      (id) => ({ url: `/api/v1/live/${id}` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'POST /live/:id/subscription',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/${id}/subscription` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'DELETE /live/:id/subscription',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/live/${id}/subscription` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'GET /live/:id/comments',
    same(
      (id) => ({ url: `/api/v1/live/${id}/comments` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'POST /live/:id/comments',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/${id}/comments`, body: { body: '老师好' } }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'GET /live/:id/questions',
    same(
      (id) => ({ url: `/api/v1/live/${id}/questions` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'POST /live/:id/questions',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/${id}/questions`, body: { body: '请问封闭期多久？' } }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'POST /live/questions/:id/upvote',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/questions/${id}/upvote` }),
      (x) => x.questionInApproval,
    ),
  ],
  [
    'POST /live/questions/:id/answered',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/questions/${id}/answered` }),
      (x) => x.questionInApproval,
    ),
  ],
  [
    'POST /live/:id/start',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/${id}/start` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'POST /live/:id/end',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/live/${id}/end` }),
      (x) => x.liveInApproval,
    ),
  ],
  [
    'POST /reports (live comment in a private group)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/reports', body: { targetType: 'live_comment', targetId: id, ruleCode: 'R2' } }),
      (x) => x.commentInApproval,
    ),
  ],
  // ---- products: drafts do not exist for members
  [
    'GET /products/:id (draft)',
    same(
      (id) => ({ url: `/api/v1/products/${id}` }),
      (x) => x.draftProduct,
    ),
  ],
  [
    'POST /investments (draft)',
    same(
      (id) => ({
        method: 'POST',
        url: '/api/v1/investments',
        idempotent: true,
        body: { productId: id, amount: '10000', paymentPassword: PAYMENT_PASSWORD, acceptedContractVersion: 'v1' },
      }),
      (x) => x.draftProduct,
    ),
  ],
  [
    'POST /investments (another member’s coupon)',
    same(
      (id) => ({
        method: 'POST',
        url: '/api/v1/investments',
        idempotent: true,
        body: {
          productId: f.onSaleProduct.id,
          amount: '1000000',
          paymentPassword: PAYMENT_PASSWORD,
          acceptedContractVersion: f.onSaleProduct.contractVersion,
          couponId: id,
        },
      }),
      (x) => x.coupon,
    ),
  ],
  [
    'POST /groups/:id/messages (card of a draft product)',
    (x) => {
      const build = (id: string): Probe => ({
        method: 'POST',
        url: `/api/v1/groups/${x.publicGroup}/messages`,
        body: { text: '', productId: id },
      });
      return [build(x.draftProduct), build(R())];
    },
  ],
  [
    'POST /threads (tag of a draft product)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/threads', body: { title: '这个产品怎么样', body: '大家看看', productIds: [id] } }),
      (x) => x.draftProduct,
    ),
  ],
  // ---- what belongs to another member
  [
    'GET /holdings/:id',
    same(
      (id) => ({ url: `/api/v1/holdings/${id}` }),
      (x) => x.holding,
    ),
  ],
  [
    'GET /holdings/:id/redemptions',
    same(
      (id) => ({ url: `/api/v1/holdings/${id}/redemptions` }),
      (x) => x.holding,
    ),
  ],
  [
    'POST /holdings/:id/redemptions',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/holdings/${id}/redemptions`, idempotent: true, body: { amount: '100' } }),
      (x) => x.holding,
    ),
  ],
  [
    'POST /wallet/top-ups (someone else’s card)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/wallet/top-ups', idempotent: true, body: { amount: '10000', cardId: id } }),
      (x) => x.card,
    ),
  ],
  [
    'POST /wallet/withdrawals (someone else’s card)',
    same(
      (id) => ({
        method: 'POST',
        url: '/api/v1/wallet/withdrawals',
        idempotent: true,
        body: { amount: '100', paymentPassword: PAYMENT_PASSWORD, cardId: id },
      }),
      (x) => x.card,
    ),
  ],
  [
    'GET /wallet/orders/:id',
    same(
      (id) => ({ url: `/api/v1/wallet/orders/${id}` }),
      (x) => x.order,
    ),
  ],
  [
    'DELETE /me/bank-cards/:id',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/me/bank-cards/${id}` }),
      (x) => x.card,
    ),
  ],
  [
    'DELETE /me/sessions/:id',
    same(
      (id) => ({ method: 'DELETE', url: `/api/v1/me/sessions/${id}` }),
      (x) => x.session,
    ),
  ],
  [
    'POST /appeals (an action against someone else)',
    same(
      (id) => ({ method: 'POST', url: '/api/v1/appeals', body: { actionId: id, reason: '我觉得不公平' } }),
      (x) => x.action,
    ),
  ],
  // ---- rewards: draft wheels, others' draws and mall orders, items off sale
  [
    'GET /lottery/:id',
    same(
      (id) => ({ url: `/api/v1/lottery/${id}` }),
      (x) => x.draftWheel,
    ),
  ],
  [
    'POST /lottery/:id/draws',
    same(
      (id) => ({ method: 'POST', url: `/api/v1/lottery/${id}/draws`, idempotent: true }),
      (x) => x.draftWheel,
    ),
  ],
  [
    'POST /lottery/draws/:id/address',
    same(
      (id) => ({
        method: 'POST',
        url: `/api/v1/lottery/draws/${id}/address`,
        body: { name: '林晓', phone: '13800138000', address: '上海市浦东新区世纪大道 100 号' },
      }),
      (x) => x.insiderDraw,
    ),
  ],
  [
    'GET /mall/items/:id',
    same(
      (id) => ({ url: `/api/v1/mall/items/${id}` }),
      (x) => x.offSaleItem,
    ),
  ],
  [
    'GET /me/mall/orders/:id',
    same(
      (id) => ({ url: `/api/v1/me/mall/orders/${id}` }),
      (x) => x.insiderMallOrder,
    ),
  ],
];

/** A PNG header with the given size: enough for the server to read type and dimensions. */
function png(width: number, height: number, extra = 64): Buffer {
  const b = Buffer.alloc(33 + extra);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}

const send = (token: string, probe: Probe) => {
  const { idempotent, signedOut, headers, ...rest } = probe;
  return call(env.sys.app, {
    ...rest,
    ...(signedOut ? {} : { token }),
    headers: { ...headers, ...(idempotent ? { 'idempotency-key': crypto.randomUUID() } : {}) },
  });
};
const ok = (res: { statusCode: number; body: string; json(): any }) => {
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

beforeAll(async () => {
  const { sys } = env;
  const [insider, outsider] = await regulars(sys, 2);
  const as = (m: Member, probe: Probe) => send(m.token, probe);
  const approval = await createGroup(sys, {
    name: '私享会员圈',
    description: '需审批加入',
    visibility: 'private',
    joinPolicy: 'approval',
    ownerMemberId: insider!.memberId,
  });
  const invite = await createGroup(sys, {
    name: '内测小组',
    visibility: 'private',
    joinPolicy: 'invite',
    ownerMemberId: insider!.memberId,
  });
  const open = await createGroup(sys, { name: '公开讨论', visibility: 'public', joinPolicy: 'open' });
  expect((await as(outsider!, { method: 'POST', url: `/api/v1/groups/${open.id}/join`, body: {} })).statusCode).toBe(200);

  const messageInApproval = ok(await post(sys, insider!, approval.id, { text: '私享圈里的话' })).id;
  const messageInInvite = ok(await post(sys, insider!, invite.id, { text: '内测小组的话' })).id;
  expect((await as(insider!, { method: 'POST', url: `/api/v1/groups/${open.id}/join`, body: {} })).statusCode).toBe(200);
  const heldMessage = ok(await post(sys, insider!, open.id, { text: '有事私下转账' }));
  expect(heldMessage.status).toBe('held');
  const heldThread = ok(
    await as(insider!, { method: 'POST', url: '/api/v1/threads', body: { title: '这款产品稳赚', body: '大家放心买' } }),
  );
  const squareThread = ok(await as(insider!, { method: 'POST', url: '/api/v1/threads', body: { title: '广场上的帖子', body: '内容' } })).id;
  expect(ok(await as(insider!, { url: `/api/v1/threads/${heldThread.id}` })).status).toBe('held');
  const toHide = ok(await post(sys, insider!, approval.id, { text: '将被隐藏的话' })).id;
  const threadInApproval = ok(
    await as(insider!, { method: 'POST', url: '/api/v1/threads', body: { title: '私享圈的帖子', body: '内容', groupId: approval.id } }),
  ).id;
  const threadInInvite = ok(
    await as(insider!, { method: 'POST', url: '/api/v1/threads', body: { title: '内测组的帖子', body: '内容', groupId: invite.id } }),
  ).id;
  const replyInApproval = ok(
    await as(insider!, { method: 'POST', url: `/api/v1/threads/${threadInApproval}/replies`, body: { body: '回复' } }),
  ).id;

  const manager = await operatorLogin(sys.app, 'community');
  const live = ok(
    await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/live',
      token: manager,
      body: {
        title: '私享圈直播',
        description: '只给圈内成员',
        hostName: '理财师·王磊',
        hostMemberId: insider!.memberId,
        streamUrl: 'https://live.example.com/room/7',
        scheduledAt: new Date(sys.clock.now().getTime() + 3600_000).toISOString(),
        groupId: approval.id,
      },
    }),
  );
  ok(await as(insider!, { method: 'POST', url: `/api/v1/live/${live.id}/start` }));
  const questionInApproval = ok(
    await as(insider!, { method: 'POST', url: `/api/v1/live/${live.id}/questions`, body: { body: '封闭期多久？' } }),
  ).id;
  const commentInApproval = ok(
    await as(insider!, { method: 'POST', url: `/api/v1/live/${live.id}/comments`, body: { body: '大家好' } }),
  ).id;

  const finance = await operatorLogin(sys.app, 'finance');
  const issuers = ok(await call(sys.app, { url: '/api/v1/console/investing/issuers', token: finance })).items;
  const now = sys.clock.now();
  const draftProduct = ok(
    await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/investing/products',
      token: finance,
      body: {
        code: `ORACLE-${process.pid % 1000}`,
        name: '未上架的产品',
        issuerId: issuers[0].id,
        type: 'demand',
        riskLevel: 2,
        benchmarkBps: 200,
        minAmount: '100',
        maxPerPerson: '10000000',
        totalQuota: '100000000',
        experienceAllowed: false,
        saleStartsAt: new Date(now.getTime() - 3600_000).toISOString(),
        saleEndsAt: new Date(now.getTime() + 400 * 86_400_000).toISOString(),
        disclosures: {
          underlyingAssets: '货币市场工具',
          custodian: '示例银行',
          fees: '管理费 0.2%/年',
          riskWarning: '投资有风险，可能损失本金。',
        },
        contractVersion: 'v1',
      },
    }),
  ).id;

  await assess(sys, insider!.memberId);
  await fundWallet(sys, insider!.memberId, 1_000_000n);
  const onSale = ok(await as(insider!, { url: '/api/v1/products?pageSize=100' })).items.find(
    (p: { type: string; purchasable: boolean }) => p.type === 'demand' && p.purchasable,
  );
  const bought = ok(
    await as(insider!, {
      method: 'POST',
      url: '/api/v1/investments',
      idempotent: true,
      body: {
        productId: onSale.id,
        amount: String(onSale.minAmount),
        paymentPassword: PAYMENT_PASSWORD,
        acceptedContractVersion: onSale.contractVersion,
      },
    }),
  );
  const holding = bought.holding?.id ?? ok(await as(insider!, { url: '/api/v1/holdings' })).items[0].id;
  const order = ok(
    await as(insider!, { method: 'POST', url: '/api/v1/wallet/top-ups', idempotent: true, body: { amount: '10000' } }),
  ).orderId;
  const session = ok(await as(insider!, { url: '/api/v1/me/sessions' })).items[0].id;
  // A coupon of the insider's (a campaign on registration), which the outsider — able to buy — names at checkout.
  const growth = await operatorLogin(sys.app, 'growth');
  const at = sys.clock.now().getTime();
  ok(
    await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/campaigns',
      token: growth,
      body: {
        name: '注册送券',
        trigger: 'registered',
        budget: { totalCount: 10 },
        effects: [{ kind: 'coupon', coupon: { type: 'cash_back', threshold: '100', amount: '100', validDays: 30 } }],
        startsAt: new Date(at - 3_600_000).toISOString(),
        endsAt: new Date(at + 86_400_000).toISOString(),
      },
    }),
  );
  await sys.modules.growth.handleEvent({
    id: crypto.randomUUID(),
    seq: 0n,
    name: 'member.registered',
    payload: { memberId: insider!.memberId },
    occurredAt: sys.clock.now(),
  });
  const coupon = ok(await as(insider!, { url: '/api/v1/me/coupons' })).items[0].id;
  await assess(sys, outsider!.memberId);
  await fundWallet(sys, outsider!.memberId, 10_000_000n);
  const service = await operatorLogin(sys.app, 'service');
  const action = ok(
    await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/moderation/actions',
      token: service,
      body: { action: 'hide', target: { type: 'message', id: toHide }, ruleCode: 'R2', reason: '测试' },
    }),
  ).id;

  // Rewards: a draft wheel, the insider's physical prize and mall order, an item taken off sale.
  const admin = await operatorLogin(sys.app);
  const wheel = async (prizes: unknown[]) =>
    ok(
      await call(sys.app, {
        method: 'POST',
        url: '/api/v1/console/lottery/wheels',
        token: admin,
        body: { name: '转盘', pointsCost: 0, prizes },
      }),
    );
  const draftWheel = (
    await wheel([
      { name: '谢谢参与', kind: 'none', weight: 1 },
      { name: '1 积分', kind: 'points', weight: 1, points: 1 },
    ])
  ).id;
  const goods = (
    await wheel([
      { name: '保温杯', kind: 'physical', weight: 1_000_000, stock: 10 },
      { name: '谢谢参与', kind: 'none', weight: 1 },
    ])
  ).id;
  ok(await call(sys.app, { method: 'POST', url: `/api/v1/console/lottery/wheels/${goods}/open`, token: admin }));
  await transact(sys.platform.db, (trx) =>
    sys.modules.lottery.grantChances(trx, { memberId: insider!.memberId, wheelId: goods, count: 1, ref: `oracle:${goods}` }),
  );
  const insiderDraw = ok(await as(insider!, { method: 'POST', url: `/api/v1/lottery/${goods}/draws`, idempotent: true })).id;
  const item = async (body: Record<string, unknown>) =>
    ok(await call(sys.app, { method: 'POST', url: '/api/v1/console/mall/items', token: admin, body }));
  const offSaleItem = (await item({ name: '下架商品', kind: 'physical', pointsPrice: 10, stock: 5 })).id;
  ok(
    await call(sys.app, { method: 'PATCH', url: `/api/v1/console/mall/items/${offSaleItem}`, token: admin, body: { status: 'off_sale' } }),
  );
  const chances = (
    await item({
      name: '抽奖券',
      kind: 'virtual',
      pointsPrice: 10,
      stock: 5,
      grant: { kind: 'lottery_chances', wheelId: draftWheel, count: 1 },
    })
  ).id;
  await transact(sys.platform.db, (trx) =>
    sys.modules.loyalty.points.earn(trx, {
      memberId: insider!.memberId,
      points: 10,
      source: 'test',
      ref: `oracle:${insider!.memberId}`,
      reason: '测试',
    }),
  );
  const insiderMallOrder = ok(
    await as(insider!, { method: 'POST', url: '/api/v1/mall/orders', idempotent: true, body: { itemId: chances } }),
  ).id;

  f = {
    outsider: outsider!,
    approvalGroup: approval.id,
    inviteGroup: invite.id,
    publicGroup: open.id,
    messageInApproval,
    messageInInvite,
    heldMessage: heldMessage.id,
    heldThread: heldThread.id,
    squareThread,
    threadInApproval,
    replyInApproval,
    threadInInvite,
    liveInApproval: live.id,
    questionInApproval,
    commentInApproval,
    draftProduct,
    onSaleProduct: { id: onSale.id, minAmount: String(onSale.minAmount), contractVersion: onSale.contractVersion },
    coupon,
    holding,
    order,
    card: (insider as Member & { cardId: string }).cardId,
    session,
    action,
    draftWheel,
    insiderDraw,
    offSaleItem,
    insiderMallOrder,
  };
});

/**
 * Member routes that name something and are not rows above, each with the reason. Any other member
 * route with a path parameter that is neither here nor in ROWS fails the sweep below: a new route
 * must say how it answers for what the caller may not see.
 */
const EXEMPT: Record<string, string> = {
  'DELETE /me/notification-bindings/:channel': 'names one of a fixed list of channels, not a resource',
  'PUT /me/blocks': 'members are not hidden: their cards show wherever they post; an unknown id is NOT_FOUND',
  'POST /me/inbox/read': 'ids that are not the caller’s are ignored: the same 200 for a foreign and a random id',
  'DELETE /me/push/subscriptions': 'filtered by the caller: someone else’s endpoint is the same no-op as a random one',
};
/** Routes that name a resource in the body rather than the path; each must be covered too. */
const BODY_NAMED = [
  'POST /reports',
  'POST /appeals',
  'POST /investments',
  'POST /threads',
  'POST /wallet/top-ups',
  'POST /wallet/withdrawals',
];

describe('no existence oracles', () => {
  it('covers every member route that names a resource', () => {
    const named = env.sys.app.accessTable
      .filter((e) => (e.access === 'member' || e.access === 'optional-member') && e.method !== 'HEAD' && e.url.includes('/:'))
      .map((e) => `${e.method} ${e.url.replace('/api/v1', '')}`);
    expect(named.length).toBeGreaterThan(40);
    const covered = (route: string) => ROWS.some(([name]) => name === route || name.startsWith(`${route} (`)) || route in EXEMPT;
    expect([...new Set([...named, ...BODY_NAMED])].filter((r) => !covered(r))).toEqual([]);
  });

  it.each(ROWS)('%s answers for a hidden thing exactly as for a random id', async (_route, probes) => {
    const [hidden, random] = probes(f);
    const a = await send(f.outsider.token, hidden);
    const b = await send(f.outsider.token, random);
    // Ids echoed in a message (e.g. "no product <id>") are the caller's own input: compare without them.
    const ids = (p: Probe) => JSON.stringify([p.url, p.body]).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
    const scrub = (body: string, p: Probe) => ids(p).reduce((s, id) => s.replaceAll(id, '<id>'), body);
    expect({ status: a.statusCode, body: scrub(a.body, hidden) }).toEqual({ status: b.statusCode, body: scrub(b.body, random) });
    expect(a.statusCode).toBeGreaterThanOrEqual(400);
    expect(a.statusCode).toBeLessThan(500);
  });
});
