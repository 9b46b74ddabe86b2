import { defineConfig } from 'vitest/config';
import browserTests from './vitest.config';

/**
 * The browser tests' configuration without their server: `vitest list` with it counts the browser
 * tests (scripts/test.mjs reports how many were skipped on a machine without chromium) without
 * building, starting or needing anything.
 */
export default defineConfig({ ...browserTests, test: { ...browserTests.test, globalSetup: [] } });
