import type { CharterRule } from '@quanzi/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import type { AuditModule } from '../audit/index.js';
import * as repo from './repo.js';

export interface CharterDeps {
  db: Db;
  clock: Clock;
  audit: AuditModule;
}

export const presentVersion = (v: repo.VersionRow) => ({
  version: v.version,
  rules: v.rules,
  summary: v.summary,
  publishedBy: v.published_by,
  publishedAt: v.published_at.toISOString(),
});

/** Publishes a new version (the old ones stay, unchanged and public). Rule codes must be unique. */
export async function publishCharter(
  deps: CharterDeps,
  by: { name: string; operator?: OperatorPrincipal; ip?: string | null },
  input: { rules: CharterRule[]; summary: string },
  options: { onlyIfNone?: boolean } = {},
) {
  const codes = input.rules.map((r) => r.code);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'rules', issue: `duplicate rule code ${repeated}` }]);
  return transact(deps.db, async (trx) => {
    await repo.lockCharter(trx);
    const latest = await repo.latestVersion(trx);
    // Checked under the lock: two instances starting together publish the first version once.
    if (latest && options.onlyIfNone) return presentVersion(latest);
    const row = await repo.insertVersion(trx, {
      version: (latest?.version ?? 0) + 1,
      rules: input.rules,
      summary: input.summary,
      published_by: by.name,
      published_at: deps.clock.now(),
    });
    if (by.operator) {
      await deps.audit.record(trx, {
        actor: { type: 'operator', id: by.operator.operatorId, name: by.operator.displayName },
        action: 'charter.published',
        target: { type: 'charter', id: String(row.version) },
        after: { version: row.version, rules: codes, summary: input.summary },
        ip: by.ip ?? null,
      });
    }
    return presentVersion(row);
  });
}

/** Rule by rule: what a later version added, removed or changed compared with an earlier one. */
export function diffRules(before: CharterRule[], after: CharterRule[]) {
  const old = new Map(before.map((r) => [r.code, r]));
  const next = new Map(after.map((r) => [r.code, r]));
  const changes: Array<{ code: string; change: 'added' | 'removed' | 'changed'; before: CharterRule | null; after: CharterRule | null }> =
    [];
  for (const r of after) {
    const o = old.get(r.code);
    if (!o) changes.push({ code: r.code, change: 'added', before: null, after: r });
    else if (o.title !== r.title || o.body !== r.body) changes.push({ code: r.code, change: 'changed', before: o, after: r });
  }
  for (const r of before) if (!next.has(r.code)) changes.push({ code: r.code, change: 'removed', before: r, after: null });
  return changes.sort((a, b) => Number(a.code.slice(1)) - Number(b.code.slice(1)));
}

/** The first charter, published by the system when there is none (every deployment starts with rules). */
export const FIRST_CHARTER: CharterRule[] = [
  { code: 'R1', title: '友善交流', body: '不得进行人身攻击、辱骂、歧视或骚扰他人。就事论事，对观点可以尖锐，对人保持尊重。' },
  {
    code: 'R2',
    title: '禁止站外引流',
    body: '不得发布微信号、QQ号、二维码或外部群链接，不得引导他人私下转账或线下交易。平台外的交易不受任何保障。',
  },
  {
    code: 'R3',
    title: '不承诺收益',
    body: '不得宣称或暗示保本、稳赚、零风险、刚性兑付等承诺。分享收益须同时说明风险，业绩比较基准不代表未来表现。',
  },
  { code: 'R4', title: '真实信息', body: '不得编造、散布虚假信息或谣言，不得冒充平台工作人员、专家或他人身份。' },
  { code: 'R5', title: '保护隐私', body: '不得公开他人的身份证号、银行卡号、手机号、住址等个人信息。' },
  { code: 'R6', title: '不刷屏不广告', body: '不得发布与社区无关的广告、重复内容或刷屏信息。' },
  { code: 'R7', title: '遵守法律法规', body: '不得发布违反法律法规的内容，包括非法集资、洗钱、赌博等相关信息。' },
];
export const FIRST_SUMMARY = '首版社区公约。说明：公约没有"批评平台"这一条——对平台的批评和投诉不会因此被处理。';
