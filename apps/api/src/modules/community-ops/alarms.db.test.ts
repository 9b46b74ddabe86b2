import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup, join, post, regulars, type Member } from '../../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { sql } from 'kysely';
import { transact } from '../../platform/db/transact.js';
import { call } from '../../../test/harness.js';
import { shanghaiWallClock } from './working-hours.js';

const env = useDemoSystem();
let manager: string;
let group: { id: string };
let asker: Member, other: Member, expert: Member;
/** What the console hears on the operator channels. */
const opsEvents: Array<{ channel: string; name: string; data: { id: string; dutyOperatorIds?: string[] } }> = [];
const MINUTE = 60_000;

const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown) =>
  call(env.sys.app, { method, url, token, body });
const drain = () => env.sys.platform.outbox.drainAll();
const tick = () => env.sys.modules.communityOps.tick(env.sys.clock.now());
const board = async (query = '') => {
  const res = await send('GET', `/api/v1/console/unanswered-alarms${query}`, manager);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: Array<{
      id: string;
      messageId: string;
      status: string;
      excerpt: string;
      dutyOperators: string[];
      notifiedExperts: number;
      responseSeconds: number | null;
      answeredBy: string | null;
      groupName: string;
      askerName: string;
    }>;
    total: number;
    responseStats: { answered: number; medianSeconds: number | null };
  };
};
const ask = async (member: Member, text: string, extra: Record<string, unknown> = {}) => {
  const res = await post(env.sys, member, group.id, { text, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  await drain();
  return res.json() as { id: string };
};

beforeAll(async () => {
  env.sys.platform.outbox.subscribe('realtime.broadcast', 'test-ops-channel', async (event) => {
    const p = event.payload as (typeof opsEvents)[number];
    if (p.channel.startsWith('ops:')) opsEvents.push(p);
  });
  group = await createGroup(env.sys, { name: '稳健理财答疑', visibility: 'public', joinPolicy: 'open' });
  [asker, other, expert] = (await regulars(env.sys, 3)) as [Member, Member, Member];
  // Console sessions end when idle: sign in after the clock moved a day.
  manager = await operatorLogin(env.sys.app, 'community');
  for (const m of [asker, other, expert]) expect((await join(env.sys, m, group.id)).statusCode).toBe(200);
  const appointed = await send('POST', '/api/v1/console/experts', manager, { memberId: expert.memberId, title: '持牌理财师' });
  expect(appointed.statusCode, appointed.body).toBe(201);
  // 周宁 is on duty all of today (Shanghai weekday).
  const ops = (await send('GET', '/api/v1/console/duty-roster/operators', manager)).json().items as Array<{
    id: string;
    displayName: string;
  }>;
  const zhou = ops.find((o) => o.displayName === '社区经理·周宁')!;
  const { weekday } = shanghaiWallClock(env.sys.clock.now());
  const slot = await send('POST', '/api/v1/console/duty-roster', manager, { operatorId: zhou.id, weekday, start: '00:00', end: '23:59' });
  expect(slot.statusCode, slot.body).toBe(201);
  await drain();
  // The demo's own chat history is older than any group's minutes: its questions are alarmed now.
  await tick();
});

describe('the unanswered-question alarm', () => {
  it('raises an alarm after the group’s N minutes and not before, tells the experts, and a reply clears it with the response time', async () => {
    const question = await ask(asker, '体验金怎么用？到期会收回吗');
    expect((await board('?status=open')).items.map((q) => q.messageId)).toContain(question.id);

    // Chatter that answers nothing, and the asker's own follow-up, leave the question open.
    await ask(other, '今天行情不错');
    await ask(asker, '有人知道吗', { replyToId: question.id });

    env.sys.clock.advance(9 * MINUTE + 59_000);
    expect((await tick()).alarms).toEqual({ raised: 0 });
    expect((await board()).items.find((q) => q.messageId === question.id)).toBeUndefined();

    env.sys.clock.advance(1000);
    expect((await tick()).alarms.raised).toBeGreaterThanOrEqual(1);
    const alarm = (await board()).items.find((q) => q.messageId === question.id)!;
    expect(alarm).toMatchObject({
      status: 'alarmed',
      groupName: '稳健理财答疑',
      excerpt: '体验金怎么用？到期会收回吗',
      dutyOperators: ['社区经理·周宁'],
      notifiedExperts: 1,
    });
    // The console hears it on the operator channels, with who is on duty.
    await drain();
    const raised = opsEvents.filter((e) => e.name === 'alarm.raised' && e.data.id === alarm.id);
    expect(raised.map((e) => e.channel).sort()).toEqual(['ops:admin', 'ops:community_manager']);
    expect(raised[0]!.data.dutyOperatorIds).toHaveLength(1);
    // Raised once: the next minute changes nothing.
    env.sys.clock.advance(MINUTE);
    await tick();
    expect((await board()).items.filter((q) => q.messageId === question.id)).toHaveLength(1);

    // The group's expert heard of it in the inbox, with a link to the message.
    await drain();
    const inbox = (await send('GET', '/api/v1/me/inbox', expert.token)).json().items as Array<{
      title: string;
      body: string;
      link: string;
    }>;
    expect(inbox.find((n) => n.body === '体验金怎么用？到期会收回吗')).toMatchObject({
      link: `/community/groups/${group.id}?m=${question.id}`,
    });
    expect(inbox[0]!.title).toMatch(/无人回复/);

    // Another member's reply clears it; the first response is 12 minutes after the question.
    env.sys.clock.advance(MINUTE);
    await ask(other, '体验金可以买指定的产品，到期收回本金，收益归你', { replyToId: question.id });
    expect((await board()).items.find((q) => q.messageId === question.id)).toBeUndefined();
    await drain();
    expect(opsEvents.filter((e) => e.name === 'alarm.cleared' && e.data.id === alarm.id)).toHaveLength(2);
    const answered = (await board('?status=answered')).items.find((q) => q.messageId === question.id)!;
    expect(answered).toMatchObject({ status: 'answered', responseSeconds: 12 * 60 });
    expect(answered.answeredBy).toBeTruthy();
    expect((await board('?status=answered')).responseStats.answered).toBeGreaterThanOrEqual(1);

    // A redelivered question event starts no second clock.
    const { rows } = await sql<{ payload: Record<string, unknown> }>`
      SELECT payload FROM outbox_events WHERE name = 'community.message_posted' AND payload->>'messageId' = ${question.id}`.execute(
      env.sys.platform.db,
    );
    await transact(env.sys.platform.db, (trx) => env.sys.platform.outbox.emit(trx, 'community.message_posted', rows[0]!.payload));
    await drain();
    expect((await board('?status=all&pageSize=100')).items.filter((q) => q.messageId === question.id)).toHaveLength(1);

    // A later reply does not overwrite the first response.
    env.sys.clock.advance(MINUTE);
    await ask(expert, '补充一下：体验金不能提现', { replyToId: question.id });
    expect((await board('?status=answered')).items.find((q) => q.messageId === question.id)!.responseSeconds).toBe(12 * 60);
  });

  it('is answered by a mention of the asker, or by any message of an expert; statements never start a clock', async () => {
    const q1 = await ask(asker, '定投选哪只基金比较好？');
    await ask(other, '@ 我觉得指数基金就行', { mentions: [asker.memberId] });
    expect((await board('?status=answered')).items.find((q) => q.messageId === q1.id)).toMatchObject({ responseSeconds: 0 });

    const q2 = await ask(other, '为什么今天收益少了');
    const q3 = await ask(asker, '赎回多久到账');
    await ask(expert, '今天净值回调，赎回 T+1 到账');
    const answered = (await board('?status=answered&pageSize=100')).items.map((q) => q.messageId);
    expect(answered).toEqual(expect.arrayContaining([q2.id, q3.id]));

    const statement = await ask(asker, '谢谢大家');
    const all = (await board('?status=all&pageSize=100')).items.map((q) => q.messageId);
    expect(all).not.toContain(statement.id);
  });

  it('watches questions asked as threads in the group too; a reply in the thread answers them', async () => {
    const created = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/threads',
      token: asker.token,
      body: { groupId: group.id, kind: 'question', title: '定投和一次性买入哪个好', body: '手上有一笔闲钱，想听听大家的经验。' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const threadId = created.json().id as string;
    await drain();
    env.sys.clock.advance(10 * MINUTE);
    await tick();
    expect((await board()).items.find((q) => q.messageId === threadId)).toMatchObject({
      status: 'alarmed',
      excerpt: '定投和一次性买入哪个好',
    });
    const all = (await send('GET', '/api/v1/console/unanswered-alarms?status=alarmed', manager)).json().items as Array<{
      messageId: string;
      link: string;
      source: string;
    }>;
    expect(all.find((q) => q.messageId === threadId)).toMatchObject({ source: 'thread', link: `/community/threads/${threadId}` });

    env.sys.clock.advance(MINUTE);
    const reply = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/threads/${threadId}/replies`,
      token: other.token,
      body: { body: '长期看定投更省心，分散买入时点。' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await drain();
    expect((await board('?status=answered')).items.find((q) => q.messageId === threadId)).toMatchObject({ responseSeconds: 11 * 60 });
  });

  it('lets go of a question whose message is gone: recalled by its author, hidden by moderation, a deleted thread', async () => {
    const all = async () => (await board('?status=all&pageSize=100')).items.map((q) => q.messageId);
    // The author takes the question back within two minutes: nobody is waiting any more.
    const recalled = await ask(other, '请问定期能提前支取吗？');
    expect(await all()).toContain(recalled.id);
    const res = await send('POST', `/api/v1/messages/${recalled.id}/recall`, other.token, {});
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    expect(await all()).not.toContain(recalled.id);
    env.sys.clock.advance(11 * MINUTE);
    await tick();
    expect(await all()).not.toContain(recalled.id);

    // An alarmed question hidden by moderation leaves the board, and open boards are told to refresh.
    const hidden = await ask(other, '这个群里谁能拉我进内部群？');
    env.sys.clock.advance(11 * MINUTE);
    await tick();
    const alarm = (await board()).items.find((q) => q.messageId === hidden.id)!;
    expect(alarm.status).toBe('alarmed');
    const acted = await send('POST', '/api/v1/console/moderation/actions', manager, {
      action: 'hide',
      target: { type: 'message', id: hidden.id },
      ruleCode: 'R1',
      reason: '测试：隐藏一条提问',
    });
    expect(acted.statusCode, acted.body).toBe(201);
    await drain();
    expect(await all()).not.toContain(hidden.id);
    await drain();
    expect(opsEvents.filter((e) => e.name === 'alarm.cleared' && e.data.id === alarm.id)).toHaveLength(2);

    // A question thread its author deletes.
    const created = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/threads',
      token: asker.token,
      body: { groupId: group.id, kind: 'question', title: '债券基金适合长期持有吗', body: '想了解一下大家的看法。' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const threadId = created.json().id as string;
    await drain();
    expect(await all()).toContain(threadId);
    const deleted = await call(env.sys.app, { method: 'DELETE', url: `/api/v1/threads/${threadId}`, token: asker.token });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    await drain();
    expect(await all()).not.toContain(threadId);

    // An answered question keeps its response time in the figures whatever happens to it later.
    const answeredQ = await ask(asker, '活期赎回几点前到账？');
    await ask(expert, '工作日 15 点前申请，当天到账');
    const before = (await board('?status=answered')).responseStats.answered;
    const hideAnswered = await send('POST', '/api/v1/console/moderation/actions', manager, {
      action: 'hide',
      target: { type: 'message', id: answeredQ.id },
      ruleCode: 'R1',
      reason: '测试：隐藏已回复的提问',
    });
    expect(hideAnswered.statusCode, hideAnswered.body).toBe(201);
    await drain();
    expect((await board('?status=answered')).responseStats.answered).toBe(before);
  });

  it('follows each group’s minutes and working hours; bad settings are clear 4xx', async () => {
    const put = (body: unknown, id = group.id) => send('PUT', `/api/v1/console/groups/${id}/ops-settings`, manager, body);
    const ok = await put({ alarmMinutes: 3 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ alarmMinutes: 3, workingHours: null });

    for (const [body, code] of [
      [{ alarmMinutes: 0 }, 'VALIDATION_FAILED'],
      [{ alarmMinutes: 'ten' }, 'VALIDATION_FAILED'],
      [{ workingHours: { start: '25:00', end: '18:00' } }, 'VALIDATION_FAILED'],
      [{ workingHours: { start: 'nine', end: '18:00' } }, 'VALIDATION_FAILED'],
      [{ workingHours: { start: '18:00', end: '09:00' } }, 'WORKING_HOURS_INVALID'],
      [{ welcomeTemplate: '欢迎 {{phone}}' }, 'TEMPLATE_VARIABLE_UNKNOWN'],
      [{ extra: true }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await put({ alarmMinutes: 5 }, crypto.randomUUID())).statusCode).toBe(404);
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await send('GET', '/api/v1/console/unanswered-alarms', growth)).statusCode).toBe(403);

    const q = await ask(asker, '这个产品能不能提前赎回？');
    env.sys.clock.advance(3 * MINUTE);
    await tick();
    expect((await board()).items.map((a) => a.messageId)).toContain(q.id);

    // Working hours that closed an hour ago: the clock waits for tomorrow morning.
    const { minute } = shanghaiWallClock(env.sys.clock.now());
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    expect(minute).toBeGreaterThan(120);
    expect((await put({ workingHours: { start: '00:30', end: hhmm(minute - 60) } })).statusCode).toBe(200);
    const late = await ask(other, '明天几点开盘？');
    const pending = (await board('?status=open')).items.find((a) => a.messageId === late.id) as unknown as { dueAt: string };
    expect(new Date(pending.dueAt).getTime() - env.sys.clock.now().getTime()).toBeGreaterThan(10 * 60 * MINUTE);
    env.sys.clock.advance(60 * MINUTE);
    await tick();
    manager = await operatorLogin(env.sys.app, 'community');
    expect((await board()).items.map((a) => a.messageId)).not.toContain(late.id);

    const audit = await send('GET', `/api/v1/console/audit-log?targetId=${group.id}`, await operatorLogin(env.sys.app));
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('community_ops.settings_updated');
  });

  it('keeps an audited roster; an unknown operator or a time range that is not one is refused', async () => {
    env.admin = await operatorLogin(env.sys.app);
    const { weekday } = shanghaiWallClock(env.sys.clock.now());
    const ops = (await send('GET', '/api/v1/console/duty-roster/operators', manager)).json().items as Array<{
      id: string;
      displayName: string;
    }>;
    const admin = ops.find((o) => o.displayName === '系统管理员')!;
    const added = await send('POST', '/api/v1/console/duty-roster', manager, {
      operatorId: admin.id,
      weekday,
      start: '00:00',
      end: '23:59',
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    const onDuty = async () =>
      ((await send('GET', '/api/v1/console/duty-roster', manager)).json().onDutyNow as Array<{ operatorName: string }>).map(
        (d) => d.operatorName,
      );
    expect(await onDuty()).toEqual(expect.arrayContaining(['社区经理·周宁', '系统管理员']));
    const bad = [
      [{ operatorId: crypto.randomUUID(), weekday, start: '09:00', end: '18:00' }, 'OPERATOR_NOT_FOUND'],
      [{ operatorId: admin.id, weekday: 8, start: '09:00', end: '18:00' }, 'VALIDATION_FAILED'],
      [{ operatorId: admin.id, weekday, start: '18:00', end: '09:00' }, 'WORKING_HOURS_INVALID'],
      [{ operatorId: admin.id, weekday, start: '9点', end: '18:00' }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [body, code] of bad) {
      const res = await send('POST', '/api/v1/console/duty-roster', manager, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe(code);
    }
    expect((await send('DELETE', `/api/v1/console/duty-roster/${id}`, manager)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/v1/console/duty-roster/${id}`, manager)).statusCode).toBe(404);
    expect(await onDuty()).not.toContain('系统管理员');
    const audit = await send('GET', `/api/v1/console/audit-log?targetId=${id}`, env.admin);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['community_ops.duty_removed', 'community_ops.duty_added']);
  });
});
