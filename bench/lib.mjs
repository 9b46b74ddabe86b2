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

/** A process and all its descendants, from `ps`. */
export function processTree(pid) {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=']).toString();
  const children = new Map();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  const pids = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    pids.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return pids;
}

/** PostgreSQL forks its own processes; every postgres process whose data dir is ours. */
export function postgresPids(dataDir) {
  const pids = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('postgres')) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const parent = Number(/PPid:\s+(\d+)/.exec(status)[1]);
      const parentCmd = fs.existsSync(`/proc/${parent}/cmdline`) ? fs.readFileSync(`/proc/${parent}/cmdline`, 'utf8') : '';
      if (cmd.includes(dataDir) || parentCmd.includes(dataDir)) pids.push(Number(pid));
    } catch {
      /* process ended */
    }
  }
  return pids;
}

function procKb(pid, file, field) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  } catch {
    return 0; // the process ended
  }
}

/**
 * Memory of a set of processes in MB. `rss` sums resident sets, so PostgreSQL's shared buffers
 * are counted once per backend; `pss` (proportional set size, /proc/<pid>/smaps_rollup) shares
 * each page among the processes mapping it, so it adds up to what the machine really spends.
 */
export function memoryMb(pids) {
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    rss += procKb(pid, 'status', 'VmRSS');
    pss += procKb(pid, 'smaps_rollup', 'Pss');
  }
  return { rss: Math.round(rss / 1024), pss: Math.round(pss / 1024) };
}

export const table = (rows) => {
  const widths = Object.keys(rows[0]).map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (vals) => vals.map((v, i) => String(v).padEnd(widths[i])).join('  ');
  return [line(Object.keys(rows[0])), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(Object.values(r)))].join('\n');
};
