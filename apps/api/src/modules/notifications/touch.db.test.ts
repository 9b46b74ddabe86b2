import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';
import { assess } from '../../../test/invest-flows.js';
import { http, verifiedMembers } from '../../../test/wallet-flows.js';
import { ChannelFailure, type ExternalChannel } from './index.js';

// Every request here comes from 127.0.0.1; the per-IP limit has its own tests.
const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000 } });
const sys = () => env.sys;
const touch = () => sys().modules.notifications;
const db = () => sys().platform.db;

const deliveriesOf = async (memberId: string) =>
  (
    await sql<{ channel: string; status: string; reason: string | null; provider_code: string | null; attempts: number; title: string }>`
      SELECT d.channel, d.status, d.reason, d.provider_code, d.attempts, m.title FROM notification_deliveries d
      JOIN notification_messages m ON m.id = d.message_id WHERE d.member_id = ${memberId} ORDER BY d.seq`.execute(db())
  ).rows;
const inbox = async (token: string) =>
  (await http(sys(), { path: '/api/v1/me/inbox', token })).json().items as Array<{ kind: string; title: string; activity: unknown }>;
const prefs = (token: string, body: unknown) => http(sys(), { method: 'PUT', path: '/api/v1/me/notification-preferences', token, body });
/** Moves the manual clock forward to the next hh:mm in Asia/Shanghai. */
function advanceTo(hh: number, mm = 0) {
  const now = sys().clock.now();
  const shanghai = (now.getUTCHours() * 60 + now.getUTCMinutes() + 480) % 1440;
  const wait = (hh * 60 + mm - shanghai + 1440) % 1440 || 1440;
  sys().clock.advance(wait * 60_000 - now.getUTCSeconds() * 1000 - now.getUTCMilliseconds());
}
/** The sandbox SMS provider, wrapped so a test can make it fail. */
function smsChannel(fail?: () => ChannelFailure | undefined): ExternalChannel {
  return {
    channel: 'sms',
    async deliver(m) {
      const f = fail?.();
      if (f) throw f;
      const out = await sys().modules.sms.texts.sendText({ phone: m.to!, text: m.smsText, outId: m.deliveryId });
      return { provider: 'sandbox', providerId: out.providerId, status: 'sent' };
    },
  };
}

describe('one send path: preferences, the cap, quiet hours', () => {
  it('never exceeds the daily cap: 50 concurrent marketing sends to one member across three channels make exactly 3 touches', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect(
      (
        await http(sys(), {
          method: 'PUT',
          path: '/api/v1/me/notification-bindings/email',
          token: m!.token,
          body: { email: 'Lin@Example.com' },
        })
      ).status,
    ).toBe(200);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        touch().send({
          memberId: m!.memberId,
          topic: 'campaign_news',
          title: `周末活动 ${i}`,
          body: '报名参加线上理财讲座',
          channels: ['in_app', 'sms', 'email'],
        }),
      ),
    );
    expect(results.every((r) => r.sent)).toBe(true);
    await touch().deliverDue();
    const rows = await deliveriesOf(m!.memberId);
    expect(rows).toHaveLength(150);
    const touched = rows.filter((r) => ['delivered', 'sent'].includes(r.status));
    expect(touched).toHaveLength(3);
    expect(rows.filter((r) => r.reason === 'frequency_cap')).toHaveLength(147);
    // A transactional notice is never capped.
    const tx = await touch().send({
      memberId: m!.memberId,
      topic: 'security',
      title: '新设备登录',
      body: '你的账户在新设备登录',
      channels: ['in_app'],
    });
    expect(tx.sent && tx.deliveries).toEqual([{ channel: 'in_app', status: 'delivered', reason: null }]);
  });

  it('skips a topic the member turned off on a channel while a transactional message still arrives', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const off = await prefs(m!.token, { topic: 'product_launches', channel: 'in_app', enabled: false });
    expect(off.status, off.text).toBe(200);
    expect(off.json().topics.find((t: { topic: string }) => t.topic === 'product_launches').channels).toMatchObject({
      in_app: false,
      sms: true,
    });
    const mk = await touch().send({
      memberId: m!.memberId,
      topic: 'product_launches',
      title: '新品上线',
      body: '理财非存款、产品有风险、投资须谨慎',
      channels: ['in_app'],
    });
    expect(mk.deliveries).toEqual([{ channel: 'in_app', status: 'skipped', reason: 'opted_out' }]);
    await touch().send({ memberId: m!.memberId, topic: 'money', title: '提现已到账', body: '资金已转入你的银行卡', channels: ['in_app'] });
    expect((await inbox(m!.token)).map((n) => n.title)).toEqual(['提现已到账']);
    // Transactional topics have no switch.
    expect((await prefs(m!.token, { topic: 'money', channel: 'in_app', enabled: false })).status).toBe(400);
  });

  it('lets a transactional notice carry one approved activity link, and refuses any other', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const link = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/activity-links',
      token: env.admin,
      body: { label: '新人理财节', link: '/campaigns/newcomer' },
    });
    expect(link.status, link.text).toBe(201);
    await touch().send({
      memberId: m!.memberId,
      topic: 'account',
      title: '实名认证成功',
      body: '你已完成实名认证',
      activityLinkId: link.json().id,
    });
    expect((await inbox(m!.token))[0]!.activity).toEqual({ label: '新人理财节', link: '/campaigns/newcomer' });
    await expect(
      touch().send({ memberId: m!.memberId, topic: 'account', title: 'x', body: 'y', activityLinkId: crypto.randomUUID() }),
    ).rejects.toMatchObject({
      code: 'ACTIVITY_LINK_NOT_APPROVED',
    });
    await expect(
      touch().send({ memberId: m!.memberId, topic: 'campaign_news', title: 'x', body: 'y', activityLinkId: link.json().id }),
    ).rejects.toMatchObject({
      code: 'ACTIVITY_LINK_NOT_APPROVED',
    });
  });

  it('refuses banned wording in every form before anything is written, and never promotes a product below the member’s level', async () => {
    const [high, low] = await verifiedMembers(sys(), 2);
    for (const body of ['保本保息', '稳 赚', '零风险！', '刚性兑付', '无.风.险', '保\u3000本']) {
      await expect(touch().send({ memberId: high!.memberId, topic: 'campaign_news', title: '好消息', body })).rejects.toMatchObject({
        code: 'MARKETING_COMPLIANCE',
      });
    }
    expect(await deliveriesOf(high!.memberId)).toEqual([]);
    await assess(sys(), high!.memberId, 'highest');
    await assess(sys(), low!.memberId, 'lowest');
    const { items } = await sys().modules.investing.products(undefined, 1, 10);
    const risky = items.reduce((a, b) => (b.riskLevel > a.riskLevel ? b : a));
    const input = {
      topic: 'product_launches' as const,
      title: `${risky.name}开售`,
      body: `${risky.name}今日开售。理财非存款、产品有风险、投资须谨慎`,
      productIds: [risky.id],
    };
    expect(await touch().send({ ...input, memberId: low!.memberId })).toMatchObject({ sent: false, reason: 'suitability' });
    expect(await touch().send({ ...input, memberId: high!.memberId })).toMatchObject({ sent: true });
    await expect(touch().send({ ...input, body: `${risky.name}今日开售`, memberId: high!.memberId })).rejects.toMatchObject({
      code: 'MARKETING_COMPLIANCE',
    });
    expect((await inbox(low!.token)).map((n) => n.kind)).not.toContain('marketing');
    expect((await inbox(high!.token)).map((n) => n.title)).toContain(`${risky.name}开售`);
  });

  it('retries a transient SMS failure with backoff, and fails over to the inbox when SMS fails for good', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    let failure: ChannelFailure | undefined = new ChannelFailure('isv.BUSINESS_LIMIT_CONTROL', true);
    touch().useChannel(smsChannel(() => failure));
    await touch().send({
      memberId: m!.memberId,
      topic: 'account',
      title: '账户提醒',
      body: '你的账户资料已更新',
      channels: ['sms'],
      failoverToInApp: true,
    });
    await touch().deliverDue();
    expect(await deliveriesOf(m!.memberId)).toMatchObject([
      { channel: 'sms', status: 'queued', reason: 'retry', provider_code: 'isv.BUSINESS_LIMIT_CONTROL', attempts: 1 },
    ]);
    await touch().deliverDue(); // not due yet: backoff
    expect((await deliveriesOf(m!.memberId))[0]!.attempts).toBe(1);
    failure = undefined;
    sys().clock.advance(11_000);
    await touch().deliverDue();
    expect(await deliveriesOf(m!.memberId)).toMatchObject([{ channel: 'sms', status: 'sent', attempts: 2 }]);
    const outbox = await sys().modules.sms.outbox(m!.phone, 1, 10);
    expect(outbox.items.map((i) => i.content)).toEqual(['你的账户资料已更新']);

    failure = new ChannelFailure('isv.MOBILE_NUMBER_ILLEGAL', false);
    await touch().send({
      memberId: m!.memberId,
      topic: 'account',
      title: '账户提醒 2',
      body: '第二条',
      channels: ['sms'],
      failoverToInApp: true,
    });
    await touch().deliverDue();
    const rows = (await deliveriesOf(m!.memberId)).filter((r) => r.title === '账户提醒 2');
    expect(rows).toMatchObject([
      { channel: 'sms', status: 'failed', reason: 'refused', provider_code: 'isv.MOBILE_NUMBER_ILLEGAL' },
      { channel: 'in_app', status: 'delivered', reason: 'failover' },
    ]);
    expect((await inbox(m!.token)).map((n) => n.title)).toContain('账户提醒 2');
    touch().useChannel(smsChannel());
  });

  it('ends marketing SMS with 回T退订, and an inbound T unsubscribes the member from marketing SMS', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    await touch().send({ memberId: m!.memberId, topic: 'campaign_news', title: '活动', body: '周末理财讲座开放报名', channels: ['sms'] });
    await touch().deliverDue();
    const [sms] = (await sys().modules.sms.outbox(m!.phone, 1, 10)).items;
    expect(sms!.content).toBe('周末理财讲座开放报名 回T退订');
    const reply = await http(sys(), {
      method: 'POST',
      path: '/api/v1/sms/inbound/sandbox',
      body: [{ phone_number: `86${m!.phone}`, content: 'T', sign_name: '圈子' }],
    });
    expect(reply.status, reply.text).toBe(200);
    const view = (await http(sys(), { path: '/api/v1/me/notification-preferences', token: m!.token })).json();
    expect(view.topics.every((t: { channels: Record<string, boolean> }) => t.channels.sms === false && t.channels.in_app === true)).toBe(
      true,
    );
    const again = await touch().send({ memberId: m!.memberId, topic: 'campaign_news', title: '活动', body: '又一场', channels: ['sms'] });
    expect(again.deliveries).toEqual([{ channel: 'sms', status: 'skipped', reason: 'opted_out' }]);
    // Aliyun's door needs the shared token.
    expect((await http(sys(), { method: 'POST', path: '/api/v1/sms/inbound/aliyun', body: [] })).status).toBe(401);
  });

  it('binds WeChat through the OAuth-style sandbox and sends a template message the sandbox accepts', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const auth = await http(sys(), { method: 'POST', path: '/api/v1/me/wechat/authorize', token: m!.token });
    expect(auth.status, auth.text).toBe(200);
    const consent = await fetch(auth.json().url, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    expect(back.pathname).toBe('/api/v1/me/wechat/callback');
    const cb = await fetch(`${sys().url}${back.pathname}${back.search}`, {
      headers: { authorization: `Bearer ${m!.token}` },
      redirect: 'manual',
    });
    expect(cb.headers.get('location')).toBe('/inbox/settings?wechat=bound');
    // The code is single-use: replaying the callback does not bind anything else.
    const replay = await fetch(`${sys().url}${back.pathname}${back.search}`, {
      headers: { authorization: `Bearer ${m!.token}` },
      redirect: 'manual',
    });
    expect(replay.headers.get('location')).toBe('/inbox/settings?wechat=failed');
    const view = (await http(sys(), { path: '/api/v1/me/notification-preferences', token: m!.token })).json();
    expect(view.bindings.wechat).toMatch(/^oSbx\*{0}.{0,4}\*\*\*\*/);

    const out = await touch().send({
      memberId: m!.memberId,
      topic: 'account',
      title: '账户变动提醒',
      body: '你的绑定手机已更换',
      link: '/me',
      channels: ['wechat'],
      wechatTemplateId: 'TM00001',
      variables: { keyword1: '手机号更换' },
    });
    expect(out.sent).toBe(true);
    await touch().deliverDue();
    const [d] = await deliveriesOf(m!.memberId);
    expect(d).toMatchObject({ channel: 'wechat', status: 'sent' });
    const received = (await (await fetch(`${sys().url}/sandbox/wechat/received`)).json()) as {
      items: Array<{ body: Record<string, unknown> }>;
    };
    expect(received.items[0]!.body).toMatchObject({
      template_id: 'TM00001',
      url: `${sys().url}/me`,
      data: { first: { value: '账户变动提醒' }, remark: { value: '你的绑定手机已更换' }, keyword1: { value: '手机号更换' } },
    });
    expect(received.items[0]!.body.client_msg_id).toEqual(expect.any(String));
  });

  it('defers marketing in quiet hours (never dropped), folds a busy topic into one digest at the window’s end', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect((await prefs(m!.token, { quietHours: { start: '25:00', end: '08:00' } })).status).toBe(400);
    expect((await prefs(m!.token, { quietHours: { start: 'late', end: '08:00' } })).status).toBe(400);
    expect((await prefs(m!.token, { quietHours: { start: '08:00', end: '08:00' } })).status).toBe(400);
    advanceTo(23, 0);
    for (const t of ['新品 A', '新品 B', '新品 C'])
      expect(
        (await touch().send({ memberId: m!.memberId, topic: 'product_launches', title: t, body: '理财非存款、产品有风险、投资须谨慎' }))
          .deliveries,
      ).toEqual([{ channel: 'in_app', status: 'deferred', reason: 'quiet_hours' }]);
    // Transactional goes through at night.
    await touch().send({ memberId: m!.memberId, topic: 'security', title: '密码已修改', body: '如非本人操作请联系客服' });
    await touch().deliverDue();
    expect((await inbox(m!.token)).map((n) => n.title)).toEqual(['密码已修改']);
    advanceTo(7, 59);
    await touch().deliverDue();
    expect(await inbox(m!.token)).toHaveLength(1);
    advanceTo(8, 0);
    await touch().deliverDue();
    const titles = (await inbox(m!.token)).map((n) => n.title);
    expect(titles).toEqual(['「产品上新」3 条新消息', '密码已修改']);
    const rows = await deliveriesOf(m!.memberId);
    expect(rows.filter((r) => r.reason === 'folded')).toHaveLength(2);
    // Members may move or turn off their window.
    const moved = await prefs(m!.token, { quietHours: { start: '23:30', end: '07:00' } });
    expect(moved.json().quietHours).toEqual({ start: '23:30', end: '07:00' });
    expect((await prefs(m!.token, { quietHours: null })).json().quietHours).toBeNull();
  });
});

describe('operator sends', () => {
  // Earlier tests move the clock by a day: a fresh console session.
  let admin = '';
  beforeEach(async () => {
    admin = await operatorLogin(sys().app);
  });
  const template = async (body: Record<string, unknown> = {}) => {
    const res = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/notification-templates',
      token: admin,
      body: {
        code: `t.${crypto.randomUUID().slice(0, 8)}`,
        name: '周末活动',
        topic: 'campaign_news',
        channels: ['in_app'],
        content: {
          'zh-CN': { title: '{{name}}开放报名', body: '本周{{day}}，{{name}}开放报名' },
          en: { title: '{{name}} is open', body: 'Join {{name}} on {{day}}' },
        },
        variables: ['name', 'day'],
        ...body,
      },
    });
    return res;
  };

  it('refuses templates with unknown variables or banned wording, sends with bad values or empty segments; nothing is created', async () => {
    const unknown = await template({ content: { 'zh-CN': { title: '{{name}}', body: '{{nmae}}报名' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'TEMPLATE_VARIABLE_UNKNOWN', details: { unknown: ['nmae'] } });
    const banned = await template({ content: { 'zh-CN': { title: '{{name}}', body: '稳赚不赔的{{day}}' } } });
    expect(banned.status).toBe(422);
    expect(banned.json().error.code).toBe('MARKETING_COMPLIANCE');
    expect(banned.json().error.details.violations).toEqual([{ word: '稳赚不赔', start: 0, end: 4, field: 'zh-CN.body' }]);
    const ok = await template();
    expect(ok.status, ok.text).toBe(201);
    const send = (body: Record<string, unknown>) =>
      http(sys(), {
        method: 'POST',
        path: '/api/v1/console/sends',
        token: admin,
        body: { templateId: ok.json().id, name: '测试', ...body },
      });
    expect((await send({ segment: { memberIds: [] }, variables: { name: 'x', day: '周六' } })).json().error.code).toBe('SEGMENT_EMPTY');
    expect((await send({ segment: { memberIds: [crypto.randomUUID()] }, variables: { name: 'x', day: '周六' } })).status).toBe(422);
    expect((await send({ segment: {}, variables: { name: 'x' } })).json().error.code).toBe('TEMPLATE_VARIABLE_MISSING');
    expect((await send({ segment: {}, variables: { name: 'x', day: 'y', extra: 'z' } })).json().error.code).toBe(
      'TEMPLATE_VARIABLE_UNKNOWN',
    );
    const injected = await send({ segment: {}, variables: { name: '零风险产品', day: '周六' } });
    expect(injected.status).toBe(422);
    expect(injected.json().error.details.violations[0].word).toBe('零风险');
    expect((await send({ segment: { tags: ['vip'] }, variables: { name: 'x', day: 'y' } })).status).toBe(400);
    const robot = (webhookUrl: string) =>
      http(sys(), { method: 'POST', path: '/api/v1/console/wecom-robots', token: admin, body: { name: '群机器人', webhookUrl } });
    for (const url of [
      'ftp://example.com/hook',
      'http://10.0.0.5/hook',
      'http://192.168.1.2/',
      'http://localhost:3000/x',
      'http://[::1]/x',
      'http://169.254.169.254/latest',
      'not a url',
    ])
      expect((await robot(url)).json().error?.code, url).toBe('WEBHOOK_URL_INVALID');
    const sandboxRobot = await robot(`${sys().url}/sandbox/wechat/cgi-bin/webhook/send?key=abc`);
    expect(sandboxRobot.status, sandboxRobot.text).toBe(201);
    const sends = (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM notification_sends`.execute(db())).rows[0]!.n;
    expect(sends).toBe(0);
    // A robot post goes out through the worker with WeChat's JSON.
    const post = await http(sys(), {
      method: 'POST',
      path: `/api/v1/console/wecom-robots/${sandboxRobot.json().id}/messages`,
      token: admin,
      body: { title: '今日早报', body: '市场平稳' },
    });
    expect(post.status, post.text).toBe(202);
    await touch().deliverDue();
    const got = (await (await fetch(`${sys().url}/sandbox/wechat/received?kind=robot`)).json()) as {
      items: Array<{ target: string; body: unknown }>;
    };
    expect(got.items[0]).toMatchObject({ target: 'abc', body: { msgtype: 'text', text: { content: '今日早报\n市场平稳' } } });
  });

  it('previews the audience, needs a second operator over the threshold, pauses, and resumes after a crash without sending twice', async () => {
    const members = await verifiedMembers(sys(), 5);
    const memberIds = members.map((m) => m.memberId);
    const t = await template();
    const preview = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/sends/preview',
      token: admin,
      body: { segment: { memberIds } },
    });
    expect(preview.json()).toEqual({ audience: 5, threshold: 1000, requiresApproval: false });
    const setCap = await http(sys(), {
      method: 'PUT',
      path: '/api/v1/console/touch-settings',
      token: admin,
      body: { approvalThreshold: 3 },
    });
    expect(setCap.status, setCap.text).toBe(200);
    const created = await http(sys(), {
      method: 'POST',
      path: '/api/v1/console/sends',
      token: admin,
      body: { templateId: t.json().id, name: '周末活动', segment: { memberIds }, variables: { name: '理财讲座', day: '周六' } },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ status: 'pending_approval', audienceEstimate: 5, requiresApproval: true });
    expect(await touch().runSend(id)).toMatchObject({ status: 'pending_approval', batches: 0 });
    const self = await http(sys(), { method: 'POST', path: `/api/v1/console/sends/${id}/approve`, token: admin });
    expect(self.json().error.code).toBe('SEND_APPROVER_SAME');
    const compliance = await operatorLogin(sys().app, 'compliance');
    const approved = await http(sys(), { method: 'POST', path: `/api/v1/console/sends/${id}/approve`, token: compliance });
    expect(approved.json().status, approved.text).toBe('scheduled');
    expect((await http(sys(), { method: 'POST', path: `/api/v1/console/sends/${id}/approve`, token: compliance })).status).toBe(409);

    // Batch 1 commits, batch 2 crashes after writing its rows (rolled back), then the send resumes.
    await expect(
      touch().runSend(id, {
        batchSize: 2,
        afterBatchWrite: (n) => {
          if (n === 2) throw new Error('kill -9');
        },
      }),
    ).rejects.toThrow('kill -9');
    expect((await http(sys(), { path: `/api/v1/console/sends/${id}`, token: admin })).json()).toMatchObject({
      status: 'running',
      targeted: 2,
    });
    const paused = await http(sys(), { method: 'POST', path: `/api/v1/console/sends/${id}/pause`, token: admin });
    expect(paused.json().status).toBe('paused');
    expect(await touch().runSend(id, { batchSize: 2 })).toMatchObject({ status: 'paused', batches: 0 });
    expect((await http(sys(), { method: 'POST', path: `/api/v1/console/sends/${id}/resume`, token: admin })).json().status).toBe('running');
    expect(await touch().runSend(id, { batchSize: 2 })).toMatchObject({ status: 'completed' });
    expect(await touch().runSend(id, { batchSize: 2 })).toMatchObject({ status: 'completed', batches: 0 });
    for (const m of members) expect((await inbox(m.token)).map((n) => n.title)).toEqual(['理财讲座开放报名']);
    const view = (await http(sys(), { path: `/api/v1/console/sends/${id}`, token: admin })).json();
    expect(view).toMatchObject({ status: 'completed', targeted: 5, results: { in_app: { delivered: 5 } } });
    const log = await http(sys(), { path: `/api/v1/console/deliveries?sendId=${id}&limit=3`, token: admin });
    expect(log.json().items).toHaveLength(3);
    expect(log.json().nextBefore).not.toBeNull();
    const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE target_id = ${id} ORDER BY seq`.execute(db());
    expect(audit.rows.map((r) => r.action)).toEqual(['touch.send.created', 'touch.send.approve', 'touch.send.pause', 'touch.send.resume']);
    // Growth may not approve; members may not see the console.
    const growth = await operatorLogin(sys().app, 'growth');
    expect((await http(sys(), { method: 'POST', path: `/api/v1/console/sends/${id}/approve`, token: growth })).status).toBe(403);
    expect((await http(sys(), { path: `/api/v1/console/sends/${id}`, token: members[0]!.token })).status).toBe(401);
  });
});
