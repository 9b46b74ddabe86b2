import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, operatorLogin, registerMember, useDemoSystem } from '../../../test/flows.js';
import { installMemoryTargets } from './test-targets.js';

const env = useDemoSystem();
let targets: ReturnType<typeof installMemoryTargets>;
let community: string;
let compliance: string;

beforeAll(async () => {
  targets = installMemoryTargets(env.sys.modules.moderation);
  community = await operatorLogin(env.sys.app, 'community');
  compliance = await operatorLogin(env.sys.app, 'compliance');
});

const member = () => registerMember(env.sys.app, env.admin, freshPhone());
const consoleAct = (token: string, body: Record<string, unknown>) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/console/moderation/actions', token, body });
const memberAct = (token: string, body: Record<string, unknown>) =>
  call(env.sys.app, { method: 'POST', url: '/api/v1/moderation/actions', token, body });
const publicLog = async (query = '') => (await call(env.sys.app, { url: `/api/v1/public/modlog${query}` })).json();
// Notices travel as outbox events; deliver them before reading the inbox.
const inbox = async (token: string) => {
  await env.sys.platform.outbox.drainAll();
  return (await call(env.sys.app, { url: '/api/v1/me/inbox?kind=moderation', token })).json();
};
const countRows = async () =>
  (await sql<{ n: number }>`SELECT COUNT(*)::int AS n FROM moderation_actions`.execute(env.sys.platform.db)).rows[0]!.n;

describe('acting without a rule', () => {
  it('is refused (RULE_REQUIRED / RULE_UNKNOWN) and nothing is written, applied or sent', async () => {
    const author = await member();
    const id = targets.post(author.memberId, '这个平台的客服太慢了，差评', { visibility: 'public' });
    const before = await countRows();
    const base = { action: 'hide', target: { type: 'message', id } };
    for (const body of [base, { ...base, reason: '批评' }, { ...base, ruleCode: 'R1' }, { ...base, ruleCode: ' ', reason: '理由' }]) {
      const res = await consoleAct(community, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('RULE_REQUIRED');
    }
    const unknown = await consoleAct(community, { ...base, ruleCode: 'R99', reason: '不喜欢' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'RULE_UNKNOWN', message: '现行社区公约中没有规则 R99' });
    expect(await countRows()).toBe(before);
    expect(targets.state(id)).toBe('visible');
    expect((await inbox(author.token)).items).toHaveLength(0);
  });

  it('refuses unknown targets, mute without hours, and members without the permission', async () => {
    const author = await member();
    const id = targets.post(author.memberId, '你好');
    const missing = await consoleAct(community, {
      action: 'hide',
      target: { type: 'message', id: crypto.randomUUID() },
      ruleCode: 'R1',
      reason: 'x',
    });
    expect(missing.statusCode).toBe(404);
    const noHours = await consoleAct(community, {
      action: 'mute',
      target: { type: 'member', id: author.memberId },
      ruleCode: 'R1',
      reason: 'x',
    });
    expect(noHours.json().error.code).toBe('VALIDATION_FAILED');
    const tooLong = await consoleAct(community, {
      action: 'mute',
      target: { type: 'member', id: author.memberId },
      ruleCode: 'R1',
      reason: 'x',
      hours: 721,
    });
    expect(tooLong.statusCode).toBe(400);
    const growth = await operatorLogin(env.sys.app, 'growth');
    expect((await consoleAct(growth, { action: 'hide', target: { type: 'message', id }, ruleCode: 'R1', reason: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      (await consoleAct(author.token, { action: 'hide', target: { type: 'message', id }, ruleCode: 'R1', reason: 'x' })).statusCode,
    ).toBe(401);
  });
});

describe('hiding, the public log, notices and appeals', () => {
  it('hides with a rule, publishes role and redacted excerpt, notifies the author, and lets another operator overturn it on appeal', async () => {
    const author = await member();
    const stranger = await member();
    const text = '有兴趣的打我电话 13812345678 详聊，身份证 11010519491231002X';
    const id = targets.post(author.memberId, text, { visibility: 'public' });

    const res = await consoleAct(community, { action: 'hide', target: { type: 'message', id }, ruleCode: 'R5', reason: '公开了个人信息' });
    expect(res.statusCode, res.body).toBe(201);
    const actionId = res.json().id;
    expect(res.json()).toMatchObject({ action: 'hide', actorName: '社区经理·周宁', subjectMemberId: author.memberId });
    expect(targets.state(id)).toBe('hidden');

    // Public: role not name, redacted excerpt, no ids of people.
    const page = await publicLog();
    const entry = page.items.find((e: { id: string }) => e.id === actionId);
    expect(entry).toMatchObject({
      action: 'hide',
      targetType: 'message',
      rule: { code: 'R5', title: '保护隐私' },
      reason: '公开了个人信息',
      actor: { kind: 'operator', role: 'community_manager', label: '社区经理' },
      appealOutcome: null,
    });
    expect(entry.excerpt).toContain('138****5678');
    expect(entry.excerpt).toContain('110***********002X');
    const json = JSON.stringify(page);
    for (const secret of ['13812345678', '周宁', author.memberId, '11010519491231002X']) expect(json).not.toContain(secret);
    expect((await call(env.sys.app, { url: `/api/v1/public/modlog/${actionId}` })).json()).toEqual(entry);

    // A second hide is refused, not logged twice.
    const again = await consoleAct(community, { action: 'hide', target: { type: 'message', id }, ruleCode: 'R5', reason: '再点一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MODERATION_STATE_CONFLICT');

    // The author's notice names the rule and links to the appeal form; it cannot be switched off.
    const notices = (await inbox(author.token)).items;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'moderation', title: '你的消息已被隐藏', link: `/community/appeals/new?action=${actionId}` });
    expect(notices[0].body).toContain('R5「保护隐私」');
    expect(notices[0].body).toContain('公开了个人信息');
    expect(notices[0].body).not.toContain('13812345678');

    const mine = (await call(env.sys.app, { url: '/api/v1/me/moderation', token: author.token })).json();
    expect(mine.items[0]).toMatchObject({ id: actionId, appealable: true, appeal: null });

    // Only the author may appeal; others learn nothing.
    const foreign = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: stranger.token,
      body: { actionId, reason: '不公平' },
    });
    expect(foreign.statusCode).toBe(404);
    const appealed = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: author.token,
      body: { actionId, reason: '号码是公司座机，不是个人信息' },
    });
    expect(appealed.statusCode, appealed.body).toBe(201);
    const appealId = appealed.json().id;
    expect(appealed.json()).toMatchObject({ status: 'pending', action: { id: actionId } });
    const twice = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: author.token,
      body: { actionId, reason: '再申诉' },
    });
    expect(twice.json().error.code).toBe('APPEAL_NOT_ALLOWED');

    const pending = (await call(env.sys.app, { url: '/api/v1/console/moderation/appeals?status=pending', token: compliance })).json();
    expect(pending.items.map((a: { id: string }) => a.id)).toContain(appealId);

    // The operator who acted may not decide; another may.
    const decide = (token: string, body: unknown) =>
      call(env.sys.app, { method: 'POST', url: `/api/v1/console/moderation/appeals/${appealId}/decide`, token, body });
    const same = await decide(community, { outcome: 'overturned', note: '撤销' });
    expect(same.statusCode).toBe(403);
    expect(same.json().error.code).toBe('APPEAL_SAME_OPERATOR');
    const decided = await decide(compliance, { outcome: 'overturned', note: '号码为公开的公司电话，不属于个人信息' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'overturned', decidedBy: '合规官·李然' });
    expect(targets.state(id)).toBe('visible');
    expect((await decide(compliance, { outcome: 'upheld', note: '改主意' })).json().error.code).toBe('APPEAL_ALREADY_DECIDED');

    // The outcome is its own public row; the original row is unchanged but shows the outcome.
    const after = await publicLog();
    const outcome = after.items.find((e: { appealOf: string | null }) => e.appealOf === actionId);
    expect(outcome).toMatchObject({
      action: 'appeal_overturned',
      rule: { code: 'R5' },
      reason: '号码为公开的公司电话，不属于个人信息',
      actor: { role: 'compliance', label: '合规专员' },
    });
    expect(after.items.find((e: { id: string }) => e.id === actionId)).toMatchObject({ action: 'hide', appealOutcome: 'overturned' });
    expect((await inbox(author.token)).items[0]).toMatchObject({ title: '申诉成功：原处理已撤销', link: `/modlog/${outcome.id}` });
    const myAppeals = (await call(env.sys.app, { url: '/api/v1/me/appeals', token: author.token })).json();
    expect(myAppeals.items[0]).toMatchObject({ id: appealId, status: 'overturned' });

    const audit = (await call(env.sys.app, { url: '/api/v1/console/audit-log?action=moderation.appeal_decided', token: env.admin })).json();
    expect(audit.items[0]).toMatchObject({ actorName: '合规官·李然', targetId: appealId });
    const hideAudit = (await call(env.sys.app, { url: '/api/v1/console/audit-log?action=moderation.hide', token: env.admin })).json();
    expect(hideAudit.items.some((a: { targetId: string }) => a.targetId === id)).toBe(true);
  });

  it('keeps the excerpt of private-group content out of the public log, but shows it to the author and staff', async () => {
    const author = await member();
    const id = targets.post(author.memberId, '圈内的私密讨论', { groupId: crypto.randomUUID() });
    const res = await consoleAct(community, { action: 'delete', target: { type: 'message', id }, ruleCode: 'R6', reason: '重复刷屏' });
    expect(res.statusCode, res.body).toBe(201);
    const entry = (await call(env.sys.app, { url: `/api/v1/public/modlog/${res.json().id}` })).json();
    expect(entry).toMatchObject({ action: 'delete', excerpt: null, groupId: null });
    const mine = (await call(env.sys.app, { url: '/api/v1/me/moderation', token: author.token })).json();
    expect(mine.items[0].excerpt).toBe('圈内的私密讨论');
    const staff = (await call(env.sys.app, { url: `/api/v1/console/moderation/log?memberId=${author.memberId}`, token: community })).json();
    expect(staff.items[0]).toMatchObject({ excerpt: '圈内的私密讨论', excerptPublic: false, targetId: id });
  });

  it('the log is append-only behind the API too', async () => {
    await expect(sql`UPDATE moderation_actions SET reason = 'x'`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM moderation_actions`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE moderation_actions CASCADE`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
  });
});

describe('mutes', () => {
  it('a 2-hour mute stops posting until it ends, shows the end in Beijing time, and can be appealed to a lift', async () => {
    const m = await member();
    const moderation = env.sys.modules.moderation;
    const db = env.sys.platform.db;
    const res = await consoleAct(community, {
      action: 'mute',
      target: { type: 'member', id: m.memberId },
      ruleCode: 'R1',
      reason: '连续辱骂他人',
      hours: 2,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ action: 'mute', hours: 2, excerpt: '' });
    const until = new Date(env.sys.clock.now().getTime() + 2 * 3600_000);
    const expected = new Date(until.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

    await expect(moderation.assertCanPost(db, m.memberId, null)).rejects.toMatchObject({
      code: 'MEMBER_MUTED',
      params: { until: expected, rule: 'R1' },
    });
    await expect(moderation.assertCanPost(db, m.memberId, crypto.randomUUID())).rejects.toMatchObject({ code: 'MEMBER_MUTED' });
    const notice = (await inbox(m.token)).items[0];
    expect(notice.title).toBe('你已被禁言 2 小时');
    expect(notice.body).toContain(`禁言至 ${expected}`);
    const mine = (await call(env.sys.app, { url: '/api/v1/me/moderation', token: m.token })).json();
    expect(mine.items[0]).toMatchObject({ action: 'mute', until: until.toISOString(), appealable: true });

    env.sys.clock.advance(2 * 3600_000 - 60_000);
    await expect(moderation.assertCanPost(db, m.memberId, null)).rejects.toMatchObject({ code: 'MEMBER_MUTED' });
    env.sys.clock.advance(61_000);
    await expect(moderation.assertCanPost(db, m.memberId, null)).resolves.toBeUndefined();

    // A second mute, overturned on appeal: lifted at once.
    const second = await consoleAct(community, {
      action: 'mute',
      target: { type: 'member', id: m.memberId },
      ruleCode: 'R1',
      reason: '再次辱骂',
      hours: 24,
    });
    await expect(moderation.assertCanPost(db, m.memberId, null)).rejects.toMatchObject({ code: 'MEMBER_MUTED' });
    const appeal = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: m.token,
      body: { actionId: second.json().id, reason: '被盗号' },
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const decided = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/moderation/appeals/${appeal.json().id}/decide`,
      token: compliance,
      body: { outcome: 'overturned', note: '核实为账号被盗' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await expect(moderation.assertCanPost(db, m.memberId, null)).resolves.toBeUndefined();
    expect(await moderation.upheldViolations(m.memberId)).toBe(1);
  });
});

describe('retries', () => {
  it('a warning retried with the same Idempotency-Key replays the first answer instead of warning twice', async () => {
    const m = await member();
    const body = { action: 'warn', target: { type: 'member', id: m.memberId }, ruleCode: 'R1', reason: '言语过激' };
    const send = () =>
      call(env.sys.app, {
        method: 'POST',
        url: '/api/v1/console/moderation/actions',
        token: community,
        body,
        headers: { 'idempotency-key': `warn-${m.memberId}` },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    const second = await send();
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    expect((await inbox(m.token)).items).toHaveLength(1);
  });
});

describe('group owners, admins and experts', () => {
  it('moderate their own group only, mute only in it, and only members below them', async () => {
    const [owner, expert, author, outsider] = await Promise.all([member(), member(), member(), member()]);
    const groupId = crypto.randomUUID();
    const otherGroup = crypto.randomUUID();
    targets.setRole(groupId, owner.memberId, 'owner');
    targets.setRole(groupId, expert.memberId, 'expert');
    targets.setRole(groupId, author.memberId, 'member');
    targets.setRole(groupId, outsider.memberId, 'member');
    const msg = targets.post(author.memberId, '加我微信 abc12345 私聊', { groupId, visibility: 'public' });
    const elsewhere = targets.post(author.memberId, '另一个圈的消息', { groupId: otherGroup });

    // A plain member cannot; staff of another group cannot.
    const plain = await memberAct(outsider.token, { action: 'hide', target: { type: 'message', id: msg }, ruleCode: 'R2', reason: '引流' });
    expect(plain.statusCode).toBe(403);
    expect(plain.json().error.code).toBe('GROUP_ROLE_REQUIRED');
    const foreign = await memberAct(owner.token, {
      action: 'hide',
      target: { type: 'message', id: elsewhere },
      ruleCode: 'R2',
      reason: '引流',
    });
    expect(foreign.json().error.code).toBe('GROUP_ROLE_REQUIRED');
    // Group staff cannot release or restore (the platform's call), nor act without a rule.
    expect((await memberAct(owner.token, { action: 'hide', target: { type: 'message', id: msg } })).json().error.code).toBe(
      'RULE_REQUIRED',
    );

    const hidden = await memberAct(expert.token, {
      action: 'hide',
      target: { type: 'message', id: msg },
      ruleCode: 'R2',
      reason: '站外引流',
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
    expect(hidden.json()).toMatchObject({ actor: { kind: 'expert', role: 'expert', label: '专家' }, groupId });
    expect(hidden.json().excerpt).toContain('加我微信 ***');
    expect(JSON.stringify(hidden.json())).not.toContain(expert.memberId);
    const restore = await memberAct(owner.token, {
      action: 'restore',
      target: { type: 'message', id: msg },
      ruleCode: 'R2',
      reason: '误判',
    });
    expect(restore.statusCode).toBe(403);

    // The owner mutes in the group: the mute covers that group only.
    const muted = await memberAct(owner.token, {
      action: 'mute',
      target: { type: 'member', id: author.memberId },
      groupId,
      ruleCode: 'R2',
      reason: '多次引流',
      hours: 24,
    });
    expect(muted.statusCode, muted.body).toBe(201);
    expect(muted.json().actor).toMatchObject({ kind: 'group_admin', role: 'group_owner', label: '圈主' });
    const moderation = env.sys.modules.moderation;
    await expect(moderation.assertCanPost(env.sys.platform.db, author.memberId, groupId)).rejects.toMatchObject({ code: 'MEMBER_MUTED' });
    await expect(moderation.assertCanPost(env.sys.platform.db, author.memberId, otherGroup)).resolves.toBeUndefined();
    await expect(moderation.assertCanPost(env.sys.platform.db, author.memberId, null)).resolves.toBeUndefined();
    expect((await inbox(author.token)).items[0].title).toBe('你在圈内已被禁言 24 小时');

    // An expert cannot act on the owner; the owner removes a member from the group.
    const up = await memberAct(expert.token, {
      action: 'warn',
      target: { type: 'member', id: owner.memberId },
      groupId,
      ruleCode: 'R1',
      reason: 'x',
    });
    expect(up.json().error.code).toBe('GROUP_ROLE_REQUIRED');
    const removed = await memberAct(owner.token, {
      action: 'remove_from_group',
      target: { type: 'member', id: outsider.memberId },
      groupId,
      ruleCode: 'R6',
      reason: '反复发广告',
    });
    expect(removed.statusCode, removed.body).toBe(201);
    expect(targets.role(groupId, outsider.memberId)).toBeNull();
    // Not in the group any more: nothing to remove.
    const gone = await memberAct(owner.token, {
      action: 'remove_from_group',
      target: { type: 'member', id: outsider.memberId },
      groupId,
      ruleCode: 'R6',
      reason: '再移一次',
    });
    expect(gone.statusCode).toBe(404);

    // Overturned on appeal by any operator: re-admitted.
    const appeal = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/appeals',
      token: outsider.token,
      body: { actionId: removed.json().id, reason: '我没有发广告' },
    });
    const decided = await call(env.sys.app, {
      method: 'POST',
      url: `/api/v1/console/moderation/appeals/${appeal.json().id}/decide`,
      token: community,
      body: { outcome: 'overturned', note: '记录中没有广告' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(targets.role(groupId, outsider.memberId)).toBe('member');
  });
});
