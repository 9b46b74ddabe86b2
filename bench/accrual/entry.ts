// What bench/accrual/run.mjs needs from the API's TypeScript source (bundled by ../api-source.mjs).
export { connect } from '../../apps/api/src/platform/db/connect.js';
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
export { createLedgerModule } from '../../apps/api/src/modules/ledger/index.js';
export { accrueDemandEarnings } from '../../apps/api/src/modules/investing/accrue-demand-earnings.js';
