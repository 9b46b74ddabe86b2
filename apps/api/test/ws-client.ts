import WebSocket from 'ws';
import { ORIGIN } from './harness.js';

export interface TestSocket {
  ws: WebSocket;
  frames: any[];
  send(frame: unknown): void;
  /** Resolves with the first frame (already received or still to come) that matches. */
  next(match: (frame: any) => boolean, timeoutMs?: number): Promise<any>;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** A WebSocket client that records every frame, for assertions on order and count. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { origin: ORIGIN, ...headers } });
    const frames: any[] = [];
    const waiters: Array<{ match: (f: any) => boolean; resolve: (f: any) => void }> = [];
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on('close', (code, reason) => r({ code, reason: reason.toString() })),
    );
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      frames.push(frame);
      for (const w of [...waiters]) {
        if (w.match(frame)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        frames,
        closed,
        send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        next: (match, timeoutMs = 5000) =>
          new Promise((res, rej) => {
            const found = frames.find(match);
            if (found) return res(found);
            const timer = setTimeout(
              () =>
                rej(
                  new Error(`no matching frame within ${timeoutMs} ms; last frame ${JSON.stringify(frames.at(-1) ?? null).slice(0, 300)}`),
                ),
              timeoutMs,
            );
            waiters.push({ match, resolve: (f) => (clearTimeout(timer), res(f)) });
          }),
        close: async () => {
          ws.close();
          await closed;
        },
      }),
    );
  });
}

export const events = (socket: TestSocket, channel: string) => socket.frames.filter((f) => f.type === 'event' && f.channel === channel);
