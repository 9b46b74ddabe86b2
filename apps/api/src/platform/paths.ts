import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `apps/api` directory, found from this file whether it runs from source (vitest) or from the
 * bundle in `dist/` — so migrations and the built web apps are located the same way in both.
 */
export function apiRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === '@quanzi/api') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('apps/api not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const migrationsDir = (): string => path.join(apiRoot(), 'migrations');
export const repoRoot = (): string => path.resolve(apiRoot(), '..', '..');
