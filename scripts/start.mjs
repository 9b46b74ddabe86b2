// `npm start`: builds whatever is missing or stale, then runs the one Quanzi binary in this process
// (embedded PostgreSQL + demo data unless DATABASE_URL is set). Extra arguments pass through,
// e.g. `npm start -- --role=http`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleBuilds } from './freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stale = staleBuilds(root);
if (stale.length) {
  console.log(`Building ${stale.map((b) => b.workspace).join(', ')} …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build', ...stale.flatMap((b) => ['-w', b.workspace])], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(pathToFileURL(path.join(root, 'apps/api/dist/main.js')).href);
