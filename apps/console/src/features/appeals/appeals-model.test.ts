import { AppealDecisionRequest, type ConsoleAppeal } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { actedBy, mergeDecided, toDecisionRequest } from './appeals-model';

const appeal = (id: string, status: ConsoleAppeal['status'], decidedAt: string | null, actorOperatorId: string | null = 'op-1') =>
  ({ id, status, decidedAt, createdAt: '2026-01-01T00:00:00.000Z', action: { actorOperatorId } }) as unknown as ConsoleAppeal;

describe('mergeDecided', () => {
  it('merges both outcomes newest decision first, without pending or duplicates', () => {
    const a = appeal('a', 'upheld', '2026-01-03T00:00:00.000Z');
    const b = appeal('b', 'overturned', '2026-01-05T00:00:00.000Z');
    const c = appeal('c', 'pending', null);
    expect(mergeDecided([a, c], [b, a]).map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('actedBy', () => {
  it('tells the operator who acted (the server refuses them: APPEAL_SAME_OPERATOR)', () => {
    expect(actedBy(appeal('a', 'pending', null, 'op-1'), 'op-1')).toBe(true);
    expect(actedBy(appeal('a', 'pending', null, 'op-1'), 'op-2')).toBe(false);
    expect(actedBy(appeal('a', 'pending', null, null), undefined)).toBe(false);
  });
});

describe('toDecisionRequest', () => {
  it('trims the note and fits the contract', () => {
    const req = toDecisionRequest({ outcome: 'overturned', note: ' 证据不足 ' });
    expect(req).toEqual({ outcome: 'overturned', note: '证据不足' });
    expect(AppealDecisionRequest.safeParse(req).success).toBe(true);
  });
});
