import { PublishCharterRequest } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import { nextRuleCode, previousVersion, sameRules, toPublishRequest, withPublished, type PublicCharter } from './charter-model';

const rule = (code: string) => ({ code, title: `标题${code}`, body: `条款正文 ${code}` });

describe('nextRuleCode', () => {
  it('is one past the highest code, not a gap', () => {
    expect(nextRuleCode([rule('R1'), rule('R3')])).toBe('R4');
    expect(nextRuleCode([])).toBe('R1');
  });
  it('does not reuse the code of a rule removed from the draft', () => {
    expect(nextRuleCode([rule('R1')], ['R1', 'R2', 'R5'])).toBe('R6');
  });
  it('skips empty slots of the form list', () => {
    expect(nextRuleCode([undefined, rule('R2')])).toBe('R3');
  });
});

describe('toPublishRequest', () => {
  it('trims what the operator typed and fits the contract', () => {
    const request = toPublishRequest({ rules: [{ code: 'R1', title: ' 友善交流 ', body: ' 不进行人身攻击。 \n' }], summary: ' 新增条款 ' });
    expect(request).toEqual({ rules: [{ code: 'R1', title: '友善交流', body: '不进行人身攻击。' }], summary: '新增条款' });
    expect(PublishCharterRequest.safeParse(request).success).toBe(true);
  });
});

describe('sameRules', () => {
  it('compares code, title and body in order', () => {
    expect(sameRules([rule('R1')], [rule('R1')])).toBe(true);
    expect(sameRules([rule('R1')], [{ ...rule('R1'), body: '改过的正文' }])).toBe(false);
    expect(sameRules([rule('R1'), rule('R2')], [rule('R2'), rule('R1')])).toBe(false);
  });
});

describe('versions', () => {
  const at = '2025-01-01T00:00:00.000Z';
  const charter: PublicCharter = {
    current: { version: 2, rules: [rule('R1')], summary: 'b', publishedBy: 'x', publishedAt: at },
    versions: [
      { version: 2, summary: 'b', publishedBy: 'x', publishedAt: at },
      { version: 1, summary: 'a', publishedBy: 'x', publishedAt: at },
    ],
  };
  it('finds the version before', () => {
    expect(previousVersion(charter.versions, 2)).toBe(1);
    expect(previousVersion(charter.versions, 1)).toBeUndefined();
  });
  it('shows a just-published version until a reload has it', () => {
    const v3 = { version: 3, rules: [rule('R1'), rule('R2')], summary: 'c', publishedBy: 'y', publishedAt: at };
    const merged = withPublished(charter, v3);
    expect(merged.current).toBe(v3);
    expect(merged.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(merged.versions[0]).not.toHaveProperty('rules');
    expect(withPublished(charter, { ...v3, version: 2 })).toBe(charter);
  });
});
