// Decides which build outputs are missing or older than their sources, so `npm start` builds only those.
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export const BUILDS = [
  {
    workspace: '@quanzi/api',
    output: 'apps/api/dist/main.js',
    sources: ['apps/api/src', 'apps/api/build.mjs', 'packages/contracts/src', 'packages/web-kit/src'],
  },
  {
    workspace: '@quanzi/member',
    output: 'apps/member/dist/index.html',
    sources: [
      'apps/member/src',
      'apps/member/index.html',
      'apps/member/vite.config.ts',
      'apps/vite-warnings.ts',
      'packages/contracts/src',
      'packages/web-kit/src',
    ],
  },
  {
    workspace: '@quanzi/console',
    output: 'apps/console/dist/index.html',
    sources: [
      'apps/console/src',
      'apps/console/index.html',
      'apps/console/vite.config.ts',
      'apps/vite-warnings.ts',
      'packages/contracts/src',
      'packages/web-kit/src',
    ],
  },
];

export function staleBuilds(root) {
  return BUILDS.filter((b) => {
    const out = path.join(root, b.output);
    if (!fs.existsSync(out)) return true;
    const built = fs.statSync(out).mtimeMs;
    return b.sources.some((s) => newestMtime(path.join(root, s)) > built);
  });
}
