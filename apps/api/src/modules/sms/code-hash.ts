import type { PiiVault } from '../../platform/security/pii.js';

/** Codes are stored as a keyed hash bound to their row, so the table alone reveals no usable code. */
export const codeHash = (vault: PiiVault, id: string, code: string): string => vault.blindIndex('sms-code', `${id}:${code}`);

/** The hash under every known key: a code sent just before a QUANZI_SECRET rotation still works. */
export const codeHashes = (vault: PiiVault, id: string, code: string): string[] => vault.blindIndexes('sms-code', `${id}:${code}`);
