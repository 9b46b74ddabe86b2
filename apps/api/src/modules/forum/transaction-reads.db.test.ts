import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, join, regulars, type Member } from '../../../test/community-flows.js';
import { operatorLogin } from '../../../test/flows.js';
import { call, createTestSystem, type TestSystem } from '../../../test/harness.js';
import { createModules, type Modules } from '../../app/modules.js';
import type { Db } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { Outbox } from '../../platform/events/outbox.js';

/**
 * Issue 12 item 6: a read made on the pool while a transaction is open needs a second connection;
 * under load every connection is such a transaction and they wait on each other for ever. Here the
 * forum's and live's use cases run on a pool of ONE connection: any such read times out.
 */
let sys: TestSystem;
let pool: pg.Pool;
let one: Modules;
let oneDb: Db;
let host: Member;
let asker: Member;
let other: Member;
let groupId: string;

beforeAll(async () => {
  sys = await createTestSystem({ demo: true });
  pool = new pg.Pool({ connectionString: sys.database.url, max: 1, connectionTimeoutMillis: 3000 });
  pool.on('error', () => undefined);
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  const db: Db = new Kysely<{}>({ dialect: new PostgresDialect({ pool }) });
  oneDb = db;
  one = createModules({ ...sys.platform, db, outbox: new Outbox(db, pool, sys.platform.logger) });
  [host, asker, other] = (await regulars(sys, 3)) as [Member, Member, Member];
  groupId = (await createGroup(sys, { name: '单连接群', visibility: 'private', joinPolicy: 'approval', ownerMemberId: host.memberId })).id;
  for (const m of [asker, other]) {
    await join(sys, m, groupId);
    await sys.modules.community.decideJoin(host.memberId, groupId, { memberId: m.memberId, approve: true });
  }
});
afterAll(async () => {
  await pool?.end();
  await sys?.close();
});

const nickname = async (m: Member) => (await call(sys.app, { url: '/api/v1/me', token: m.token })).json().nickname as string;

describe('forum use cases read through their transaction', () => {
  it('replies with a mention, likes and accepts an answer in a private group on one connection', async () => {
    const thread = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/threads',
      token: asker.token,
      body: { title: '定期理财到期后怎么处理', body: '到期后是自动续期还是回到余额？', groupId, kind: 'question' },
    });
    expect(thread.statusCode, thread.body).toBe(201);
    const threadId = thread.json().id as string;
    const reply = await one.forum.reply(other.memberId, threadId, {
      body: `@${await nickname(asker)} 一般回到余额，详见产品说明`,
      mentions: [asker.memberId],
    });
    expect(reply.id).toBeTruthy();
    expect(await one.forum.like(asker.memberId, 'reply', reply.id, true)).toMatchObject({ liked: true, likeCount: 1 });
    expect(await one.forum.accept(asker.memberId, threadId, reply.id)).toMatchObject({ acceptedReplyId: reply.id });
  });
});

describe('live use cases read through their transaction', () => {
  it('runs a group session’s room on one connection: ask, upvote, answer, comment, end', async () => {
    const manager = await operatorLogin(sys.app, 'community');
    const scheduled = await call(sys.app, {
      method: 'POST',
      url: '/api/v1/console/live',
      token: manager,
      body: {
        title: '群内直播：定期理财',
        description: '群成员专场',
        hostName: '理财师·李',
        hostMemberId: host.memberId,
        groupId,
        streamUrl: 'https://live.example.com/room/7',
        scheduledAt: new Date(sys.clock.now().getTime() + 3600_000).toISOString(),
      },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const id = scheduled.json().id as string;
    const hostActor = { kind: 'member' as const, memberId: host.memberId };
    await one.live.subscribe(other.memberId, id);
    const question = await one.live.askQuestion(asker.memberId, id, { body: '封闭期内能提前赎回吗？' });
    expect(await one.live.upvote(other.memberId, question.id)).toMatchObject({ upvotes: 1 });
    await one.live.start(hostActor, id);
    sys.clock.advance(5000);
    expect(await one.live.postComment(other.memberId, id, { body: '老师好' })).toMatchObject({ status: 'visible' });
    expect(await one.live.markAnswered(hostActor, question.id)).toMatchObject({ status: 'answered' });
    expect(await one.live.end(hostActor, id)).toMatchObject({ status: 'ended' });
  });
});

describe('community use cases read through their transaction', () => {
  it('posts with a mention and a reply, reacts and recalls in a private group on one connection', async () => {
    const first = await one.community.post(asker.memberId, groupId, { text: '大家好，今天聊聊定期理财' });
    const second = await one.community.post(other.memberId, groupId, {
      text: `@${await nickname(asker)} 同意`,
      replyToId: first.id,
      mentions: [asker.memberId],
    });
    expect(second.replyTo).toBeTruthy();
    await one.community.react(asker.memberId, second.id, { emoji: '👍', on: true });
    expect(await one.community.recall(other.memberId, second.id)).toMatchObject({ id: second.id });
  });
});

describe('investing reads through the caller’s transaction', () => {
  it('shows a product card inside another module’s transaction (a message released by moderation) on one connection', async () => {
    const list = await call(sys.app, { url: '/api/v1/products', token: asker.token });
    const productId = list.json().items[0].id as string;
    const name = await transact(oneDb, async (trx) => (await one.investing.product(productId, trx)).name);
    expect(name).toBe(list.json().items[0].name);
  });
});
