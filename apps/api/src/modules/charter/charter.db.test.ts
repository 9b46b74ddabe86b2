import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { operatorLogin, useDemoSystem } from '../../../test/flows.js';

const env = useDemoSystem();
const publicCharter = async () => (await call(env.sys.app, { url: '/api/v1/public/charter' })).json();

describe('community charter', () => {
  it('starts with a public first version that has no rule against criticising the platform', async () => {
    const charter = await publicCharter();
    expect(charter.current.version).toBe(1);
    expect(charter.current.rules.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    expect(charter.current.summary).toContain('批评');
    expect(JSON.stringify(charter.current.rules)).not.toMatch(/批评平台|诋毁平台|负面/);
  });

  it('lets compliance publish a new version, keeps the old one unchanged, shows the diff, and refuses others', async () => {
    const before = await publicCharter();
    const rules = before.current.rules.filter((r: { code: string }) => r.code !== 'R6');
    rules[0] = { ...rules[0], body: `${rules[0].body}对新人保持耐心。` };
    rules.push({ code: 'R8', title: '理性讨论产品', body: '讨论产品时请引用公开信息，不得以内幕消息为由诱导他人买卖。' });
    const service = await operatorLogin(env.sys.app, 'service');
    expect(
      (await call(env.sys.app, { method: 'POST', url: '/api/v1/console/charter', token: service, body: { rules, summary: '试图修改' } }))
        .statusCode,
    ).toBe(403);

    const compliance = await operatorLogin(env.sys.app, 'compliance');
    const res = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/charter',
      token: compliance,
      body: { rules, summary: '合并广告条款，新增 R8' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const v = res.json().version;
    expect(v).toBe(before.current.version + 1);

    const after = await publicCharter();
    expect(after.current.version).toBe(v);
    expect(after.versions.map((x: { version: number }) => x.version)).toEqual([
      v,
      ...before.versions.map((x: { version: number }) => x.version),
    ]);
    const old = (await call(env.sys.app, { url: `/api/v1/public/charter/versions/${before.current.version}` })).json();
    expect(old.rules).toEqual(before.current.rules);
    const diff = (await call(env.sys.app, { url: `/api/v1/public/charter/diff?from=${before.current.version}&to=${v}` })).json();
    expect(diff.changes.map((c: { code: string; change: string }) => [c.code, c.change])).toEqual([
      ['R1', 'changed'],
      ['R6', 'removed'],
      ['R8', 'added'],
    ]);
    const audit = (await call(env.sys.app, { url: '/api/v1/console/audit-log?action=charter.published', token: env.admin })).json();
    expect(audit.items[0]).toMatchObject({ actorName: '合规官·李然', targetId: String(v) });
  });

  it('refuses duplicate rule codes and bad bodies, and published versions cannot be edited behind the API', async () => {
    const compliance = await operatorLogin(env.sys.app, 'compliance');
    const rule = { code: 'R1', title: '友善交流', body: '不得人身攻击他人。' };
    const dup = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/charter',
      token: compliance,
      body: { rules: [rule, rule], summary: '重复' },
    });
    expect(dup.statusCode).toBe(400);
    const bad = await call(env.sys.app, {
      method: 'POST',
      url: '/api/v1/console/charter',
      token: compliance,
      body: { rules: [{ ...rule, code: 'X1' }], summary: '坏编号' },
    });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    await expect(sql`UPDATE charter_versions SET summary = 'x'`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM charter_versions`.execute(env.sys.platform.db)).rejects.toThrow(/append-only/);
    expect(await env.sys.modules.charter.rule('R2')).toMatchObject({ code: 'R2', title: '禁止站外引流' });
    expect(await env.sys.modules.charter.rule('R99')).toBeUndefined();
  });
});
