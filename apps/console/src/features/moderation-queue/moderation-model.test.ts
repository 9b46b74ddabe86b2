import { ModerationActRequest } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  countByKind,
  mostCitedRule,
  oldestFirst,
  queueKey,
  ruleLabel,
  toActRequest,
  type QueueItem,
  type ReportsItem,
} from './moderation-model';

const ID = '11111111-1111-4111-8111-111111111111';
const GROUP = '22222222-2222-4222-8222-222222222222';

const reports = (over: Partial<ReportsItem> = {}): ReportsItem => ({
  kind: 'reports',
  targetType: 'message',
  targetId: ID,
  groupId: GROUP,
  reportCount: 3,
  rules: [
    { code: 'R2', count: 1 },
    { code: 'R3', count: 2 },
  ],
  firstReportedAt: '2026-01-02T00:00:00.000Z',
  reports: [],
  content: { authorId: 'a', text: '加我微信', link: null },
  ...over,
});

describe('actionsFor', () => {
  it('offers content actions, then actions on the author, removal only with a group', () => {
    expect(actionsFor({ type: 'message', groupId: GROUP, authorId: 'a' })).toEqual(['hide', 'delete', 'warn', 'mute', 'remove_from_group']);
    expect(actionsFor({ type: 'thread', groupId: null, authorId: 'a' })).toEqual(['hide', 'delete', 'warn', 'mute']);
  });
  it('releases or deletes held content', () => {
    expect(actionsFor({ type: 'reply', groupId: null, authorId: 'a' }, true)).toEqual(['release', 'delete', 'warn', 'mute']);
  });
  it('never hides a member, and without an author only acts on the content', () => {
    expect(actionsFor({ type: 'member', groupId: null })).toEqual(['warn', 'mute']);
    expect(actionsFor({ type: 'member', groupId: GROUP })).toEqual(['warn', 'mute', 'remove_from_group']);
    expect(actionsFor({ type: 'thread', groupId: null, authorId: null })).toEqual(['hide', 'delete']);
  });
});

describe('toActRequest', () => {
  it('always carries the rule and the trimmed reason, and fits the contract', () => {
    const req = toActRequest(
      { action: 'hide', ruleCode: 'R2', reason: '  站外引流 ', hours: 24 },
      { type: 'message', id: ID, groupId: GROUP },
    );
    expect(req).toEqual({ action: 'hide', target: { type: 'message', id: ID }, ruleCode: 'R2', reason: '站外引流' });
    expect(ModerationActRequest.safeParse(req).success).toBe(true);
  });
  it('sends hours only for a mute, and the group only for a member target', () => {
    expect(
      toActRequest({ action: 'mute', ruleCode: 'R1', reason: 'x', hours: 72 }, { type: 'message', id: ID, groupId: GROUP }),
    ).toMatchObject({
      hours: 72,
    });
    expect(
      toActRequest({ action: 'mute', ruleCode: 'R1', reason: 'x', hours: 72 }, { type: 'message', id: ID, groupId: GROUP }),
    ).not.toHaveProperty('groupId');
    expect(
      toActRequest({ action: 'remove_from_group', ruleCode: 'R1', reason: 'x' }, { type: 'member', id: ID, groupId: GROUP }),
    ).toMatchObject({
      groupId: GROUP,
    });
  });
  it('leaves a missing rule empty for the server to refuse (RULE_REQUIRED)', () => {
    expect(toActRequest({ action: 'warn' }, { type: 'member', id: ID, groupId: null })).toMatchObject({ ruleCode: '', reason: '' });
  });
});

describe('queue helpers', () => {
  const held: QueueItem = {
    kind: 'held',
    actionId: 'h1',
    targetType: 'thread',
    targetId: ID,
    groupId: null,
    matchedWord: '保本',
    ruleCode: 'R3',
    heldAt: '2026-01-01T00:00:00.000Z',
    content: null,
  };
  it('sorts oldest first across reports and held content', () => {
    expect(oldestFirst([reports(), held]).map((i) => i.kind)).toEqual(['held', 'reports']);
  });
  it('keys reports by target and held content by action', () => {
    expect(queueKey(reports())).toBe(`reports:message:${ID}`);
    expect(queueKey(held)).toBe('held:h1');
  });
  it('counts waiting items and reports', () => {
    expect(countByKind([reports(), reports({ reportCount: 2 }), held])).toEqual({ reports: 2, held: 1, reportTotal: 5 });
  });
  it('suggests the most cited rule, the lower code on a tie', () => {
    expect(mostCitedRule(reports())).toBe('R3');
    expect(
      mostCitedRule(
        reports({
          rules: [
            { code: 'R10', count: 1 },
            { code: 'R2', count: 1 },
          ],
        }),
      ),
    ).toBe('R2');
  });
  it('labels a rule with its title when the current charter has it', () => {
    const rules = [{ code: 'R2', title: '禁止站外引流', body: '…' }];
    expect(ruleLabel('R2', rules)).toBe('R2 禁止站外引流');
    expect(ruleLabel('R9', rules)).toBe('R9');
  });
});
