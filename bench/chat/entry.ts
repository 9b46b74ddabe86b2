// What bench/chat/run.mjs needs from the API's TypeScript source when DATABASE_URL is not set: the
// embedded PostgreSQL the API itself would start (bundled at start by ../api-source.mjs).
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
