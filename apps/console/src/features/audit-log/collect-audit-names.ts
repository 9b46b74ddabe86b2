import fs from 'node:fs';
import path from 'node:path';

/**
 * Every audit action and target type written anywhere in the API's source: the literal strings of
 * `action:` and `target: { type: … }` properties (ternaries included). Templated actions must be
 * listed in `expansions` (the test fails on one it does not know), so nothing slips through unlabelled.
 */
export function collectAuditNames(apiSrc: string, expansions: Record<string, readonly string[]>) {
  const actions = new Set<string>();
  const targets = new Set<string>();
  const unknownTemplates: string[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return walk(p);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
    });
  const NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
  for (const file of walk(apiSrc)) {
    const source = fs.readFileSync(file, 'utf8');
    for (const text of recordCalls(source)) {
      // `action:` up to the end of its expression (the next property or the end of the call).
      for (const m of text.matchAll(/\baction:\s*([^]*?)(?=,\s*\n|\n\s*[a-zA-Z_]+:|\s*}\s*\)?$)/g)) {
        const expr = m[1]!;
        for (const lit of expr.matchAll(/'([^'\n]+)'/g)) if (NAME.test(lit[1]!)) actions.add(lit[1]!);
        for (const tpl of expr.matchAll(/`([^`]+)`/g)) {
          const known = expansions[tpl[1]!];
          if (known) known.forEach((a) => actions.add(a));
          else unknownTemplates.push(`${path.relative(apiSrc, file)}: \`${tpl[1]}\``);
        }
      }
      for (const m of text.matchAll(/\btarget:\s*\{\s*type:\s*'([a-z_]+)'/g)) targets.add(m[1]!);
    }
  }
  return { actions: [...actions].sort(), targets: [...targets].sort(), unknownTemplates };
}

/** The argument text of every `.record(…)` call (the audit module's one entry point), parentheses balanced. */
function recordCalls(source: string): string[] {
  const calls: string[] = [];
  for (const m of source.matchAll(/\.record\(/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '(') depth++;
      else if (source[i] === ')') depth--;
    }
    calls.push(source.slice(start, i - 1));
  }
  return calls;
}
