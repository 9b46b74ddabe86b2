// What bench/ingest/run.mjs needs from the API's TypeScript source (bundled with esbuild at start).
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
