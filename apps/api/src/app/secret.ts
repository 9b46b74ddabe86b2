import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The embedded default generates its secret once and keeps it beside the data it protects. */
export function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = crypto.randomBytes(48).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
