import type { Rollup } from 'vite';

type RollupLog = Rollup.RollupLog;

/**
 * Rollup's warnings for both apps' builds, minus one known and harmless one: zod 4 places comments
 * next to its `@__PURE__` annotations ("A comment … contains an annotation that Rollup cannot
 * interpret due to the position of the comment"). Rollup drops the comment and bundles the code
 * unchanged, so only that warning (code INVALID_ANNOTATION, from zod's own files) is silenced;
 * everything else still reaches the console.
 */
export function onwarn(warning: RollupLog, warn: (warning: RollupLog) => void): void {
  if (warning.code === 'INVALID_ANNOTATION' && /[\\/]node_modules[\\/]zod[\\/]/.test(warning.id ?? '')) return;
  warn(warning);
}
