// Shared helpers for benchmarks: free ports, waiting for health, process-tree RSS.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

export async function waitForHealth(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

/** Resident memory (MB) of a process and all its descendants, from /proc. */
export function treeRssMb(pid) {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=']).toString();
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const children = new Map();
  for (const [p, pp] of rows) children.set(pp, [...(children.get(pp) ?? []), p]);
  const rss = new Map(rows.map(([p, , r]) => [p, r]));
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return Math.round(total / 1024);
}

/** PostgreSQL forks its own processes; count every postgres process whose data dir is ours. */
export function postgresRssMb(dataDir) {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('postgres')) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const postmaster = cmd.includes(dataDir);
      const parent = Number(/PPid:\s+(\d+)/.exec(status)[1]);
      const parentCmd = fs.existsSync(`/proc/${parent}/cmdline`) ? fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8') : '';
      if (postmaster || parentCmd.includes(dataDir)) total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      /* process ended */
    }
  }
  return Math.round(total / 1024);
}

export const table = (rows) => {
  const widths = Object.keys(rows[0]).map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  return [line(Object.keys(rows[0])), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(Object.values(r)))].join('\n');
};
