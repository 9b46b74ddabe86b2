import { beforeAll, describe, expect, it } from 'vitest';
import { createGroup } from '../../../test/community-flows.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { call } from '../../../test/harness.js';
import { shanghaiWallClock } from './working-hours.js';

const env = useDemoSystem();
let manager: string;
let group: { id: string };
const HOUR = 3600_000;

const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, token = manager) =>
  call(env.sys.app, { method, url, token, body });
const cal = (id = group.id) => `/api/v1/console/groups/${id}/calendar`;
const tick = () => env.sys.modules.communityOps.tick(env.sys.clock.now());
const officialPosts = async () => {
  const res = await send('GET', `/api/v1/console/groups/${group.id}/messages?limit=100`);
  return (res.json().items as Array<{ text: string; author: { nickname: string } }>)
    .filter((m) => m.author.nickname === '圈子官方')
    .map((m) => m.text);
};
/** Moves the clock to the next Shanghai hh:mm (and signs in again: console sessions last 12 hours). */
async function advanceTo(hour: number, minute = 0) {
  const { minute: now } = shanghaiWallClock(env.sys.clock.now());
  let delta = (hour * 60 + minute - now) * 60_000;
  if (delta <= 0) delta += 24 * HOUR;
  env.sys.clock.advance(delta - (env.sys.clock.now().getTime() % 60_000));
  manager = await operatorLogin(env.sys.app, 'community');
}

const ALERT = '【早盘速递】今日沪深300指数小幅高开，银行板块走强，债市整体平稳。理财非存款、产品有风险、投资须谨慎。';
const LIVE = '本周四晚 8 点直播预告：理财师王磊聊聊基金定投的三个误区，欢迎预约。';

beforeAll(async () => {
  group = await createGroup(env.sys, { name: '每日早报圈', visibility: 'public', joinPolicy: 'open' });
  manager = await operatorLogin(env.sys.app, 'community');
});

describe('the content calendar', () => {
  it('posts a daily 08:30 alert as the official account, once per day, and moves to the next day', async () => {
    await advanceTo(7, 0);
    const res = await send('POST', cal(), { title: '每日早报', body: ALERT, repeat: 'daily', time: '08:30' });
    expect(res.statusCode, res.body).toBe(201);
    const { entry, nearDuplicates } = res.json();
    expect(nearDuplicates).toEqual([]);
    const { minute } = shanghaiWallClock(new Date(entry.nextRunAt));
    expect(minute).toBe(8 * 60 + 30);
    expect(new Date(entry.nextRunAt).getTime() - env.sys.clock.now().getTime()).toBe(1.5 * HOUR);

    env.sys.clock.advance(1.5 * HOUR - 60_000);
    expect((await tick()).calendar).toEqual({ posted: 0 });
    env.sys.clock.advance(60_000);
    expect((await tick()).calendar).toEqual({ posted: 1 });
    expect((await tick()).calendar).toEqual({ posted: 0 });
    expect(await officialPosts()).toEqual([ALERT]);

    const list = (await send('GET', cal())).json();
    expect(list.items[0]).toMatchObject({ postCount: 1, status: 'scheduled', repeat: 'daily', time: '08:30' });
    expect(new Date(list.items[0].nextRunAt).getTime() - env.sys.clock.now().getTime()).toBe(24 * HOUR);
    expect(list.recentPosts).toHaveLength(1);
    // The worker was down for three days: one post when it comes back, not a backlog.
    env.sys.clock.advance(3 * 24 * HOUR);
    await tick();
    manager = await operatorLogin(env.sys.app, 'community');
    expect((await officialPosts()).length).toBe(2);
  });

  it('warns of content like what the group saw in the last 14 days, and schedules weekly and once-only posts', async () => {
    const similar = '【早盘速递】今日沪深300指数小幅低开，银行板块走弱，债市整体平稳。理财非存款、产品有风险、投资须谨慎。';
    const check = await send('POST', `${cal()}/check`, { body: similar });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().nearDuplicates.map((d: { source: string }) => d.source)).toEqual(expect.arrayContaining(['post', 'entry']));
    expect((await send('POST', `${cal()}/check`, { body: LIVE })).json().nearDuplicates).toEqual([]);

    const weekly = await send('POST', cal(), { title: '直播预告', body: LIVE, repeat: 'weekly', weekday: 4, time: '20:00' });
    expect(weekly.statusCode, weekly.body).toBe(201);
    const next = shanghaiWallClock(new Date(weekly.json().entry.nextRunAt));
    expect([next.weekday, next.minute]).toEqual([4, 20 * 60]);
    const again = await send('POST', cal(), {
      title: '直播预告（重复）',
      body: LIVE.replace('本周', '下周'),
      repeat: 'weekly',
      weekday: 4,
      time: '20:30',
    });
    expect(again.json().nearDuplicates[0]).toMatchObject({ source: 'entry', id: weekly.json().entry.id });

    const tomorrow = new Date(env.sys.clock.now().getTime() + 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);
    const once = await send('POST', cal(), {
      title: '周末福利',
      body: '周末福利：完成风险测评即可了解适合你的产品。',
      repeat: 'once',
      date: tomorrow,
      time: '12:00',
    });
    expect(once.statusCode, once.body).toBe(201);
  });

  it('pauses, resumes and cancels entries (audited)', async () => {
    const daily = (await send('GET', cal())).json().items.find((e: { title: string }) => e.title === '每日早报');
    expect((await send('PATCH', `${cal()}/${daily.id}`, { status: 'paused' })).json()).toMatchObject({ status: 'paused' });
    await advanceTo(8, 31);
    const before = (await officialPosts()).filter((t) => t === ALERT).length;
    await tick();
    expect((await officialPosts()).filter((t) => t === ALERT).length).toBe(before);
    const resumed = await send('PATCH', `${cal()}/${daily.id}`, { status: 'scheduled' });
    expect(resumed.json().status).toBe('scheduled');
    expect(new Date(resumed.json().nextRunAt).getTime()).toBeGreaterThan(env.sys.clock.now().getTime());
    expect((await send('DELETE', `${cal()}/${daily.id}`)).statusCode).toBe(204);
    expect((await send('DELETE', `${cal()}/${daily.id}`)).statusCode).toBe(404);
    expect((await send('GET', cal())).json().items.map((e: { id: string }) => e.id)).not.toContain(daily.id);
    const audit = await send(
      'GET',
      `/api/v1/console/audit-log?targetId=${group.id}&pageSize=50`,
      undefined,
      await operatorLogin(env.sys.app),
    );
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'community_ops.calendar_scheduled',
        'community_ops.calendar_paused',
        'community_ops.calendar_resumed',
        'community_ops.calendar_cancelled',
      ]),
    );
  });

  it('refuses promised returns with the offending words, schedules that are not schedules, and unknown groups', async () => {
    const body = { title: '早报', body: '今日推荐：稳健理财，保本保息，零风险！', repeat: 'daily', time: '08:30' };
    const refused = await send('POST', cal(), body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('MARKETING_COMPLIANCE');
    expect(refused.json().error.details.violations.map((v: { word: string }) => v.word)).toEqual(expect.arrayContaining(['零风险']));
    const ok = { title: '早报', body: '今日早报', repeat: 'daily', time: '08:30' };
    for (const [patch, code] of [
      [{ time: '8:30' }, 'VALIDATION_FAILED'],
      [{ time: '24:00' }, 'VALIDATION_FAILED'],
      [{ repeat: 'hourly' }, 'VALIDATION_FAILED'],
      [{ repeat: 'weekly' }, 'SCHEDULE_INVALID'],
      [{ weekday: 3 }, 'SCHEDULE_INVALID'],
      [{ repeat: 'once' }, 'SCHEDULE_INVALID'],
      [{ repeat: 'once', date: '2020-01-01' }, 'SCHEDULE_INVALID'],
      [{ repeat: 'once', date: '2026-13-01' }, 'VALIDATION_FAILED'],
      [{ body: '' }, 'VALIDATION_FAILED'],
      [{ extra: 1 }, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await send('POST', cal(), { ...ok, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(res.json().error.code, JSON.stringify(patch)).toBe(code);
    }
    expect((await send('POST', cal(crypto.randomUUID()), ok)).statusCode).toBe(404);
    expect((await send('GET', cal(crypto.randomUUID()))).statusCode).toBe(404);
  });
});
