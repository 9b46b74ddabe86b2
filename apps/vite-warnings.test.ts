import { describe, expect, it } from 'vitest';
import { onwarn } from './vite-warnings';

describe('the apps’ Rollup warning filter', () => {
  const passed = (warning: { code?: string; id?: string; message: string }) => {
    const shown: unknown[] = [];
    onwarn(warning, (w) => shown.push(w));
    return shown.length === 1;
  };

  it('silences only zod’s comment-position warnings', () => {
    const zod = '/work/node_modules/zod/v4/core/util.js';
    expect(passed({ code: 'INVALID_ANNOTATION', id: zod, message: 'A comment … contains an annotation' })).toBe(false);
    expect(passed({ code: 'INVALID_ANNOTATION', id: '/work/node_modules/other/index.js', message: 'A comment' })).toBe(true);
    expect(passed({ code: 'CIRCULAR_DEPENDENCY', id: zod, message: 'Circular dependency' })).toBe(true);
    expect(passed({ code: 'INVALID_ANNOTATION', message: 'no file' })).toBe(true);
  });
});
