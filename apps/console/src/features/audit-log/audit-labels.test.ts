import { STAFF_ACTIONS } from '@quanzi/contracts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en';
import zhCN from '../../locales/zh-CN';
import { collectAuditNames } from './collect-audit-names';

const apiSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../api/src');

/** Actions the API builds from a template, spelled out (a new template fails the test until listed here). */
const EXPANSIONS: Record<string, readonly string[]> = {
  'moderation.${action}': STAFF_ACTIONS.map((a) => `moderation.${a}`),
  'touch.send.${action}': ['approve', 'pause', 'resume', 'cancel'].map((a) => `touch.send.${a}`),
  "investing.product.${input.status === 'on_sale' ? 'published' : 'closed'}": ['investing.product.published', 'investing.product.closed'],
  "community_ops.calendar_${status === 'scheduled' ? 'resumed' : status}": ['resumed', 'paused', 'cancelled'].map(
    (s) => `community_ops.calendar_${s}`,
  ),
  "wallet.top_up.held_${input.action === 'close' ? 'closed' : 'credited'}": ['wallet.top_up.held_closed', 'wallet.top_up.held_credited'],
};

type Tree = { [key: string]: string | Tree };
const label = (tree: Tree, key: string) => {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return node;
};

describe('the audit log reads in Chinese', () => {
  const names = collectAuditNames(apiSrc, EXPANSIONS);

  it('finds the actions the API records (the collector works)', () => {
    expect(names.unknownTemplates).toEqual([]);
    expect(names.actions).toEqual(expect.arrayContaining(['operator.login', 'member.login', 'member.password_reset', 'moderation.hide']));
    expect(names.actions.length).toBeGreaterThan(60);
  });

  it('has a zh-CN (and en) label for every action recorded anywhere in the code', () => {
    const missing = names.actions.filter((a) => typeof label(zhCN.auditActions, a) !== 'string');
    expect(missing, 'add these to apps/console/src/locales/audit.zh-CN.ts').toEqual([]);
    expect(names.actions.filter((a) => typeof label(en.auditActions, a) !== 'string')).toEqual([]);
    expect(label(zhCN.auditActions, 'operator.login')).toBe('运营登录');
    for (const a of names.actions) expect(label(zhCN.auditActions, a)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has a label for every object type', () => {
    expect(names.targets.filter((t) => typeof label(zhCN.auditTargets, t) !== 'string')).toEqual([]);
  });
});
