// bench/chat's WebSocket members: many sockets in one process (as bench/fanout opens them), each
// with its own credentials, recording for every (message, client) pair when it arrived and how often.
import WebSocket from 'ws';

/** Benchmark messages carry `#bench-<n>` in their text; warm-up messages `#warm-<n>`. */
export const MARK = /#(bench|warm)-(\d+)/;
const BENCH_MARK = '#bench-';
/** Both the hub (channel-log.ts eventFrame) and bench/fanout/bare-server.mjs write `type` first. */
const EVENT_PREFIX = '{"type":"event"';

/**
 * Opens `count` sockets (`endpoint(i)` → { url, headers }) subscribed to `channel`, `concurrency` at
 * a time. `capacity` is the number of benchmark messages; `sentAt[n]` (performance.now() just before
 * message n was sent) must be filled in by the sender before the message can arrive.
 */
export async function openChatClients({ count, endpoint, channel, capacity, sentAt, concurrency = 200 }) {
  const counts = new Uint8Array(count * capacity);
  const latency = new Float64Array(count * capacity).fill(NaN);
  /** The frame's `at` (when the hub's channel log appended it, server wall clock), first seen per message. */
  const appendedAt = new Float64Array(capacity).fill(NaN);
  const appendedTried = new Uint8Array(capacity);
  const warm = new Map();
  let template = null;
  let received = 0;
  let closing = false;
  let unexpectedCloses = 0;
  const sockets = [];

  const open = (i) =>
    new Promise((resolve, reject) => {
      const { url, headers } = endpoint(i);
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      let subscribed = false;
      ws.on('error', (err) => (subscribed ? undefined : reject(err)));
      ws.on('close', (code) => {
        if (!subscribed) reject(new Error(`socket ${i} closed before subscribing (${code})`));
        else if (!closing) unexpectedCloses++;
      });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel, lastId: null })));
      ws.on('message', (raw) => {
        const now = performance.now();
        // Hot path (1.25 M frames at 5,000 clients): find the mark in the bytes instead of parsing
        // the whole event, so the clients' own CPU distorts neither side.
        if (subscribed && raw.toString('latin1', 0, EVENT_PREFIX.length) === EVENT_PREFIX) {
          const at = raw.indexOf(BENCH_MARK);
          if (at !== -1) {
            let n = 0;
            for (let p = at + BENCH_MARK.length; p < raw.length && raw[p] >= 48 && raw[p] <= 57; p++) n = n * 10 + raw[p] - 48;
            const k = i * capacity + n;
            if (counts[k]++ === 0) latency[k] = now - sentAt[n];
            if (!appendedTried[n]) {
              appendedTried[n] = 1;
              appendedAt[n] = Number(/"at":(\d+)\}$/.exec(raw.toString('latin1', raw.length - 32))?.[1] ?? NaN);
            }
            received++;
            return;
          }
        }
        const frame = JSON.parse(raw);
        if (frame.type === 'event') {
          const mark = typeof frame.data?.text === 'string' ? MARK.exec(frame.data.text) : null;
          if (!mark) return;
          const n = Number(mark[2]);
          if (mark[1] === 'warm') {
            warm.set(n, (warm.get(n) ?? 0) + 1);
            template ??= frame.data;
            return;
          }
          const k = i * capacity + n;
          if (counts[k]++ === 0) latency[k] = now - sentAt[n];
          received++;
        } else if (frame.type === 'subscribed') {
          subscribed = true;
          resolve(ws);
        } else if (frame.type === 'error') {
          reject(new Error(`socket ${i}: ${frame.code} on ${frame.channel ?? '?'}`));
        }
      });
    });

  for (let i = 0; i < count; i += concurrency) {
    const batch = Array.from({ length: Math.min(concurrency, count - i) }, (_, k) => open(i + k));
    sockets.push(...(await Promise.all(batch)));
  }
  return {
    count,
    capacity,
    counts,
    latency,
    appendedAt,
    received: () => received,
    warmReceived: (n) => warm.get(n) ?? 0,
    /** The `data` of the first warm-up message delivered: the payload the bare baseline broadcasts. */
    template: () => template,
    unexpectedCloses: () => unexpectedCloses,
    close: async () => {
      closing = true;
      for (const ws of sockets) ws.terminate();
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}

/** p-th percentile of a Float64Array (sorted copy, NaNs dropped). */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function sortedFinite(values) {
  const out = Float64Array.from(values).filter((v) => Number.isFinite(v));
  return out.sort();
}
