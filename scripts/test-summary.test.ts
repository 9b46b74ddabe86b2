import { describe, expect, it } from 'vitest';
import { browserSkippedLines, skippedIn, summaryLine } from './test-summary.mjs';

describe('npm test’s summary', () => {
  it('ends with exactly "N passed, N failed" when nothing was skipped (CI parses it)', () => {
    expect(summaryLine({ passed: 812, failed: 0 })).toBe('812 passed, 0 failed');
    expect(summaryLine({ passed: 812, failed: 3, skipped: 0 })).toBe('812 passed, 3 failed');
    expect(summaryLine({ passed: 812, failed: 0 })).toMatch(/^\d+ passed, \d+ failed$/);
  });

  it('counts skipped tests when some did not run', () => {
    expect(summaryLine({ passed: 812, failed: 0, skipped: 13 })).toBe('812 passed, 0 failed, 13 skipped');
  });

  it('reads skipped tests from a vitest JSON report, per file', () => {
    const report = {
      testResults: [
        { name: '/r/a.redis.test.ts', assertionResults: [{ status: 'pending' }, { status: 'skipped' }, { status: 'passed' }] },
        { name: '/r/b.db.test.ts', assertionResults: [{ status: 'passed' }, { status: 'todo' }, { status: 'failed' }] },
      ],
    };
    expect(skippedIn(report)).toBe(3);
    expect(skippedIn(report, (f: string) => f.endsWith('.redis.test.ts'))).toBe(2);
    expect(skippedIn(report, (f: string) => !f.endsWith('.redis.test.ts'))).toBe(1);
  });

  it('tells a newcomer without chromium what was skipped and the one command that fixes it', () => {
    const lines = browserSkippedLines(13, '/usr/bin/chromium');
    expect(lines[0]).toBe('!!! BROWSER TESTS SKIPPED: 13 browser tests did not run — no chromium at /usr/bin/chromium.');
    expect(lines.join('\n')).toContain('apt-get install chromium fonts-noto-cjk');
  });
});
