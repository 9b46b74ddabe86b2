import { defineConfig } from 'vitest/config';

/**
 * One runner for every tier: unit tests (`*.test.ts`), database tests (`*.db.test.ts`, real
 * PostgreSQL via apps/api/test/global-setup.ts) and browser tests (e2e/vitest.config.ts).
 */
export default defineConfig({
  test: {
    include: ['apps/**/*.test.ts', 'packages/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['apps/api/test/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
