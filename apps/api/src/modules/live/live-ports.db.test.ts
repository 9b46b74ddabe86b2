import { describe, expect, it } from 'vitest';
import { useDemoSystem } from '../../../test/flows.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { CommunityModule } from '../community/index.js';
import type { ForumModule } from '../forum/index.js';
import type { ModerationModule } from '../moderation/index.js';
import { createLiveModule } from './index.js';
import type { ScreenResult, TargetHandler } from './ports.js';

/**
 * Live against stand-ins for moderation, community and forum shaped as the shared design promises
 * them, so the calls live makes through ports.ts are pinned down before those modules land.
 */
const env = useDemoSystem();
const ids = { insider: crypto.randomUUID(), outsider: crypto.randomUUID(), muted: crypto.randomUUID(), group: crypto.randomUUID() };
const operator = {
  operatorId: crypto.randomUUID(),
  displayName: '社区经理·测试',
  roles: ['community_manager'],
} as unknown as OperatorPrincipal;

function build() {
  const filtered: Array<{ verdict: string; target?: { type: string; id: string }; match: { word: string } }> = [];
  const threads: Array<Record<string, unknown>> = [];
  const target: { handler?: TargetHandler } = {};
  const match = (word: string, category: 'contact' | 'promise' | 'other', ruleCode: string) => [{ word, category, ruleCode }];
  const moderation = {
    screen: (text: string): ScreenResult =>
      text.includes('保本')
        ? { verdict: 'block', matches: match('保本', 'promise', 'R3') }
        : text.includes('加微信')
          ? { verdict: 'flag', matches: match('加微信', 'contact', 'R2') }
          : text.includes('内幕')
            ? { verdict: 'hold', matches: match('内幕', 'other', 'R4') }
            : { verdict: 'pass', matches: [] },
    recordFilter: async (_trx: unknown, input: (typeof filtered)[number]) => void filtered.push(input),
    assertCanPost: async (_trx: unknown, memberId: string) => {
      if (memberId === ids.muted) throw new AppError('MEMBER_MUTED', { until: '2026-11-25 10:00', rule: 'R1' });
    },
    registerTarget: (_type: string, handler: TargetHandler) => void (target.handler = handler),
  };
  const community = {
    assertCanRead: async (memberId: string) => {
      if (memberId !== ids.insider) throw new AppError('NOT_GROUP_MEMBER');
    },
    authorCards: async (memberIds: string[]) =>
      new Map(memberIds.map((id) => [id, { id, nickname: `圈友${id.slice(0, 4)}`, badges: ['expert' as const], trustLevel: 2 }])),
  };
  const threadId = crypto.randomUUID();
  const forum = {
    createThread: async (_trx: unknown, input: Record<string, unknown>) => {
      threads.push(input);
      return { id: threadId };
    },
  };
  const live = createLiveModule(env.sys.platform, {
    audit: env.sys.modules.audit,
    moderation: moderation as unknown as ModerationModule,
    community: community as unknown as CommunityModule,
    forum: forum as unknown as ForumModule,
  });
  return { live, filtered, threads, threadId, target };
}

async function liveSession(live: ReturnType<typeof build>['live'], groupId?: string) {
  const session = await live.schedule(
    operator,
    {
      title: '圈内直播',
      description: '',
      hostName: '主持人',
      streamUrl: 'https://live.example.com/g',
      scheduledAt: new Date(env.sys.clock.now().getTime() + 60_000).toISOString(),
      ...(groupId ? { groupId } : {}),
    },
    null,
  );
  await live.start({ kind: 'operator', operator, ip: null }, session.id);
  return session.id;
}
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err as AppError,
  );

describe('live through the moderation, community and forum ports', () => {
  it('blocks, flags and holds through the word filter, honours mutes, and hands room text to moderation', async () => {
    const { live, filtered, target } = build();
    const id = await liveSession(live);
    const blocked = await rejection(live.postComment(ids.insider, id, { body: '这个产品保本吗' }));
    expect(blocked).toMatchObject({ code: 'CONTENT_BLOCKED', params: { rule: 'R3', word: '保本' } });
    expect(filtered).toMatchObject([{ verdict: 'block', match: { word: '保本' } }]);

    const flagged = await live.postComment(ids.insider, id, { body: '有问题加微信聊' });
    expect(flagged).toMatchObject({ status: 'visible', warning: 'contact', author: { nickname: `圈友${ids.insider.slice(0, 4)}` } });
    env.sys.clock.advance(3_000);
    const held = await live.postComment(ids.insider, id, { body: '我有内幕消息' });
    expect(held.status).toBe('held');
    expect(filtered[1]).toMatchObject({ verdict: 'hold', target: { type: 'live_comment', id: held.id } });
    const bodies = async () => (await live.comments(ids.insider, id, { limit: 50 })).items.map((c) => c.body);
    expect(await bodies()).toEqual(['有问题加微信聊']);

    expect(await rejection(live.postComment(ids.muted, id, { body: '你好' }))).toMatchObject({ code: 'MEMBER_MUTED' });

    const handler = target.handler!;
    const db = env.sys.platform.db;
    expect(await transact(db, (trx) => handler.describe(trx, held.id))).toEqual({
      authorId: ids.insider,
      text: '我有内幕消息',
      groupId: null,
      link: `/community/live/${id}`,
    });
    await transact(db, (trx) => handler.apply(trx, held.id, 'release', { groupId: null }));
    expect(await bodies()).toEqual(['有问题加微信聊', '我有内幕消息']);
    await transact(db, (trx) => handler.apply(trx, flagged.id, 'hide', { groupId: null }));
    expect(await bodies()).toEqual(['我有内幕消息']);

    // Questions are room text too: the same handler hides them from the queue.
    const question = await live.askQuestion(ids.outsider, id, { body: '请问期限多久？' });
    await transact(db, (trx) => handler.apply(trx, question.id, 'hide', { groupId: null }));
    expect((await live.questions(ids.insider, id)).items).toEqual([]);
    expect(await rejection(live.upvote(ids.insider, question.id))).toMatchObject({ code: 'CONTENT_GONE' });
    expect(await transact(db, (trx) => handler.describe(trx, crypto.randomUUID()))).toBeUndefined();
  });

  it('keeps a group session to those who can read the group, and ends it as an official forum thread', async () => {
    const { live, threads, threadId } = build();
    const id = await liveSession(live, ids.group);
    expect(await rejection(live.get(ids.outsider, id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rejection(live.subscribe(ids.outsider, id))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await live.list(ids.outsider)).upcoming.map((s) => s.id)).not.toContain(id);
    expect((await live.list(ids.insider)).upcoming.map((s) => s.id)).toContain(id);
    expect(await live.canSubscribe({ kind: 'member', memberId: ids.outsider, sessionId: 'test' }, id)).toBe(false);
    expect(await live.canSubscribe({ kind: 'member', memberId: ids.insider, sessionId: 'test' }, id)).toBe(true);
    expect(await live.canSubscribe({ kind: 'operator', operatorId: operator.operatorId, sessionId: 'test', roles: [] }, id)).toBe(true);
    expect(await live.canSubscribe({ kind: 'member', memberId: ids.insider, sessionId: 'test' }, 'nope')).toBe(false);

    const q = await live.askQuestion(ids.insider, id, { body: '群里的产品适合新手吗？' });
    await live.markAnswered({ kind: 'operator', operator, ip: null }, q.id);
    const ended = await live.end({ kind: 'operator', operator, ip: null }, id);
    expect(threads).toEqual([
      {
        authorId: null,
        kind: 'live_recap',
        official: true,
        groupId: ids.group,
        title: '直播回顾：圈内直播',
        body: ended.recap!.markdown,
        operator: { id: operator.operatorId, name: '社区经理·测试' },
      },
    ]);
    expect(ended.recap).toMatchObject({ threadId, link: `/community/threads/${threadId}` });
    expect(ended.recap!.markdown).toContain(`1. 群里的产品适合新手吗？（圈友${ids.insider.slice(0, 4)} 提问，0 人赞同）`);
  });
});
