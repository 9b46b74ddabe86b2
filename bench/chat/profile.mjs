// CHAT_PROFILE=1: summarises the API process's V8 CPU profile (node --cpu-prof) — self time and,
// for the API's own functions, inclusive time — with bundle positions mapped back to apps/api/src
// through dist/main.js.map. The profile spans the instance's whole life (start-up, seeding, sockets,
// posting); idle time shows as "(idle)".
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

function mapper(bundleUrl) {
  const file = bundleUrl.replace(/^file:\/\//, '');
  const mapFile = `${file}.map`;
  if (!fs.existsSync(mapFile)) return () => null;
  const map = new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8')));
  return (line, column) => {
    const e = map.findEntry(line, column);
    if (!e || !e.originalSource) return null;
    const src = e.originalSource.replace(/^.*?(apps\/api\/src|packages\/[^/]+\/src)/, '$1');
    return `${src}:${e.originalLine + 1}`;
  };
}

export function summariseProfile(dir, top = 18) {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!files.length) return null;
  // The API process is the largest profile in the directory (the bare server is not profiled).
  const file = files.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const totalUs = prof.endTime - prof.startTime;
  const samples = prof.samples.length;
  const usPerHit = totalUs / Math.max(1, samples);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const maps = new Map();
  const where = (cf) => {
    if (!cf.url) return '';
    if (!cf.url.includes('apps/api/dist/')) return cf.url.replace(/^.*node_modules\//, '').replace(/^node:/, 'node:');
    if (!maps.has(cf.url)) maps.set(cf.url, mapper(cf.url));
    return maps.get(cf.url)(cf.lineNumber, cf.columnNumber) ?? `${path.basename(cf.url)}:${cf.lineNumber + 1}`;
  };
  const key = (cf) => `${cf.functionName || '(anonymous)'} ${where(cf)}`.trim();
  const isApp = (cf) => cf.url.includes('apps/api/dist/');

  const self = new Map();
  const inclusive = new Map();
  const root = prof.nodes[0];
  // Inclusive time per function, counted once per stack even under recursion.
  const visit = (node, onStack) => {
    const k = key(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + node.hitCount * usPerHit);
    let total = node.hitCount * usPerHit;
    const fresh = !onStack.has(k);
    if (fresh) onStack.add(k);
    for (const c of node.children ?? []) total += visit(byId.get(c), onStack);
    if (fresh) {
      onStack.delete(k);
      if (isApp(node.callFrame)) inclusive.set(k, (inclusive.get(k) ?? 0) + total);
    }
    return total;
  };
  visit(root, new Set());
  const busyUs = totalUs - (self.get('(idle)') ?? 0);
  const fmt = (entries) =>
    entries
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / busyUs).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return {
    file: path.relative(process.cwd(), file),
    text:
      `  profile ${(totalUs / 1e6).toFixed(1)} s, busy ${(busyUs / 1e6).toFixed(1)} s (percentages are of busy time)\n` +
      `  self time:\n${fmt([...self].filter(([k]) => k !== '(idle)'))}\n` +
      `  inclusive time, API functions:\n${fmt([...inclusive])}`,
  };
}
