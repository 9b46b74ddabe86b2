// What bench/send/run.mjs needs from the API's TypeScript source (bundled by ../api-source.mjs).
export { connect } from '../../apps/api/src/platform/db/connect.js';
export { startEmbeddedPostgres } from '../../apps/api/src/platform/db/embedded.js';
export { migrate } from '../../apps/api/src/platform/db/migrate.js';
export { Outbox } from '../../apps/api/src/platform/events/outbox.js';
export { loadConfig } from '../../apps/api/src/platform/config.js';
export { createPiiVault } from '../../apps/api/src/platform/security/pii.js';
export { createNotificationsModule } from '../../apps/api/src/modules/notifications/index.js';
