// What bench/grants/run.mjs needs from the API's TypeScript source, bundled with esbuild at start
// (into .tmp/, git-ignored) so the benchmark calls the real growth, risk, loyalty and audit modules.
export { systemClock } from '../../apps/api/src/platform/clock.js';
export { connect } from '../../apps/api/src/platform/db/connect.js';
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
export { Outbox } from '../../apps/api/src/platform/events/outbox.js';
export { createAuditModule } from '../../apps/api/src/modules/audit/index.js';
export { createRiskModule } from '../../apps/api/src/modules/risk/index.js';
export { createLoyaltyModule } from '../../apps/api/src/modules/loyalty/index.js';
export { createGrowthModule } from '../../apps/api/src/modules/growth/index.js';
