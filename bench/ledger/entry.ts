// What bench/ledger/run.mjs needs from the API's TypeScript source. run.mjs bundles this file with
// esbuild at start (into .tmp/, git-ignored), the way apps/api/build.mjs bundles the API, so the
// benchmark calls the real ledger module, not a copy.
export { systemClock } from '../../apps/api/src/platform/clock.js';
export { connect } from '../../apps/api/src/platform/db/connect.js';
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
export { transact } from '../../apps/api/src/platform/db/transact.js';
export { Accounts, createLedgerModule, credit, debit } from '../../apps/api/src/modules/ledger/index.js';
