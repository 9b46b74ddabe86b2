export * from './common.js';
export * from './errors.js';
export * from './identity.js';
export * from './console.js';
export * from './validators.js';
export * from './realtime.js';
export * from './ledger.js';
export * from './wallet.js';
