import { defineConfig } from 'vitest/config';

/** Browser tests: one built Quanzi server (embedded PostgreSQL, demo data), Debian chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/server.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
