// What bench/risk/run.mjs needs from the API's TypeScript source (bundled with esbuild at start).
export { systemClock } from '../../apps/api/src/platform/clock.js';
export { connect } from '../../apps/api/src/platform/db/connect.js';
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
export { transact } from '../../apps/api/src/platform/db/transact.js';
export { createPiiVault } from '../../apps/api/src/platform/security/pii.js';
export { createRiskModule } from '../../apps/api/src/modules/risk/index.js';
