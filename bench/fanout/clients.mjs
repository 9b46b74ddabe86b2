// Many WebSocket clients in one process, recording the delivery latency of every event.
import WebSocket from 'ws';

export async function openClients({ count, url, headers, channel, concurrency = 200 }) {
  const sockets = [];
  const latencies = [];
  let received = 0;
  let lastReceivedAt = 0;
  const open = () =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      ws.on('error', reject);
      ws.on('message', (raw) => {
        const frame = JSON.parse(raw);
        if (frame.type === 'subscribed') return resolve(ws);
        if (frame.type === 'event') {
          const now = Date.now();
          latencies.push(now - frame.data.sentAt);
          received++;
          lastReceivedAt = now;
        }
      });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', channel, lastId: null })));
    });
  for (let i = 0; i < count; i += concurrency) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, count - i) }, open))));
  }
  return {
    sockets,
    stats: () => ({ received, latencies, lastReceivedAt }),
    close: async () => {
      for (const ws of sockets) ws.terminate();
      await new Promise((r) => setTimeout(r, 200));
    },
  };
}

export const percentile = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
