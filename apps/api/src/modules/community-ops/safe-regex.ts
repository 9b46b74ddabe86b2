import vm from 'node:vm';

/**
 * Keyword rules may be regular expressions, written by operators and run against every chat
 * message. JavaScript's engine backtracks, so a pattern like `(a+)+$` can take forever on a short
 * input. Two guards: a pattern with a repeated group that itself repeats (star height > 1) is
 * refused outright, and every match runs in a `vm` context with a time limit — at creation
 * against inputs built to make it backtrack (refused if it runs out of time), in chat against the
 * message (a timeout counts as no match).
 */
/**
 * Generous next to the microseconds a safe pattern takes: the limit is a backstop for what the
 * shape check misses, and must not fire because the process was descheduled under load.
 */
export const MATCH_TIMEOUT_MS = 250;
const PROBE_TIMEOUT_MS = 500;

const context = vm.createContext(Object.create(null) as object);
const script = new vm.Script('new RegExp(__p, "iu").test(__s)');

export type RegexVerdict = { ok: true } | { ok: false; reason: 'invalid' | 'unsafe'; detail: string };

/** Runs `pattern` against `text` with a time limit: true, false, or 'timeout'. */
export function timedTest(pattern: string, text: string, timeoutMs = MATCH_TIMEOUT_MS): boolean | 'timeout' {
  const ctx = context as { __p?: string; __s?: string };
  ctx.__p = pattern;
  ctx.__s = text;
  try {
    return script.runInContext(context, { timeout: timeoutMs }) === true;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return 'timeout';
    throw err;
  } finally {
    delete ctx.__p;
    delete ctx.__s;
  }
}

/**
 * Whether a group that repeats (`*`, `+`, `{n,}`, `{n,m}` or `{n}` with n ≥ 2 after `)`) contains a repetition
 * itself, or an alternation — the shapes behind catastrophic backtracking.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  // Per open group: does its content repeat or alternate?
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const next = pattern.slice(i + 1);
      const repeats = /^(?:[*+]|\{\d+,\d*\}|\{(?:[2-9]|\d{2,})\})/.test(next);
      if (inner && repeats) return true;
      // The enclosing group now contains a repetition if this group repeats or contained one.
      if (stack.length && (inner || repeats)) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{' || c === '|') && stack.length) stack[stack.length - 1] = true;
  }
  return false;
}

/** Inputs that make a backtracking pattern explode: long runs of its own characters, then a mismatch. */
function probes(pattern: string): string[] {
  const literal = [...new Set(pattern.replace(/\\./g, '').replace(/[^\p{L}\p{N} ]/gu, ''))].slice(0, 8);
  const seeds = [...literal, 'a', '1', ' ', '哈'];
  return seeds.flatMap((ch) => [ch.repeat(40) + '!', ch.repeat(40) + '\u0000', ('x' + ch).repeat(20) + '!']);
}

export function checkRegex(pattern: string): RegexVerdict {
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return { ok: false, reason: 'invalid', detail: (err as Error).message };
  }
  if (hasNestedQuantifier(pattern)) return { ok: false, reason: 'unsafe', detail: 'nested quantifier' };
  for (const probe of probes(pattern))
    if (timedTest(pattern, probe, PROBE_TIMEOUT_MS) === 'timeout') return { ok: false, reason: 'unsafe', detail: 'timeout' };
  return { ok: true };
}
