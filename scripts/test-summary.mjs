// The pieces of `npm test`'s report that deserve tests of their own (scripts/test-summary.test.ts).

/**
 * The last line of `npm test`, which CI parses: exactly "N passed, N failed" when nothing was
 * skipped, and "N passed, N failed, N skipped" when tests did not run on this machine.
 */
export function summaryLine({ passed, failed, skipped = 0 }) {
  return skipped > 0 ? `${passed} passed, ${failed} failed, ${skipped} skipped` : `${passed} passed, ${failed} failed`;
}

const SKIPPED_STATES = new Set(['pending', 'skipped', 'todo']);

/** Tests a vitest JSON report marks skipped, in files whose path passes `fileFilter`. */
export function skippedIn(report, fileFilter = () => true) {
  return report.testResults
    .filter((file) => fileFilter(file.name))
    .reduce((n, file) => n + file.assertionResults.filter((a) => SKIPPED_STATES.has(a.status)).length, 0);
}

/** What a missing browser costs and how to get it: printed where the tier is skipped and again above the summary. */
export function browserSkippedLines(count, chromiumPath) {
  const tests = count === undefined ? 'the browser tests' : `${count} browser test${count === 1 ? '' : 's'}`;
  return [
    `!!! BROWSER TESTS SKIPPED: ${tests} did not run — no chromium at ${chromiumPath}.`,
    '!!! Install it (and the Chinese fonts its screenshots need): sudo apt-get install chromium fonts-noto-cjk',
    '!!! or point CHROMIUM_PATH at another Chromium, then run npm test again.',
  ];
}
