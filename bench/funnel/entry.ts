// What bench/funnel/run.mjs needs from the API's TypeScript source (bundled with esbuild at start).
export { connect } from '../../apps/api/src/platform/db/connect.js';
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
export { postgresEngine } from '../../apps/api/src/modules/analytics/engine.js';
export { sql } from 'kysely';
