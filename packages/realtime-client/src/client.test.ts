import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, type ConnectionState, type SocketLike } from './client.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: any[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

let sockets: FakeSocket[];
let states: ConnectionState[];
const newClient = (extra: { onSignedOut?: () => void } = {}) =>
  new RealtimeClient({
    url: 'ws://test/ws',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    baseDelayMs: 100,
    maxDelayMs: 1000,
    onState: (s) => states.push(s),
    ...extra,
  });

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  states = [];
});
afterEach(() => vi.useRealTimers());

describe('RealtimeClient', () => {
  it('on close 4401 (signed out) does not reconnect and reports signed-out', async () => {
    const signedOut = vi.fn();
    const client = newClient({ onSignedOut: signedOut });
    client.subscribe('user:1', () => undefined);
    client.start();
    await vi.runOnlyPendingTimersAsync();
    sockets[0]!.open();
    sockets[0]!.serverClose(4401);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(1);
    expect(client.connectionState).toBe('signed-out');
    expect(states.at(-1)).toBe('signed-out');
    expect(states).not.toContain('reconnecting');
    expect(signedOut).toHaveBeenCalledOnce();
    // After a new login the app starts it again.
    client.start();
    await vi.runOnlyPendingTimersAsync();
    expect(sockets).toHaveLength(2);
  });

  it('still reconnects after other closes', async () => {
    const client = newClient();
    client.start();
    await vi.runOnlyPendingTimersAsync();
    sockets[0]!.open();
    sockets[0]!.serverClose(4008);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sockets).toHaveLength(2);
    expect(states).toContain('reconnecting');
  });

  it('retries a subscription answered UNAVAILABLE, with backoff, but not one answered FORBIDDEN', async () => {
    const client = newClient();
    client.subscribe('group:a', () => undefined);
    client.subscribe('group:b', () => undefined);
    client.start();
    await vi.runOnlyPendingTimersAsync();
    const socket = sockets[0]!;
    socket.open();
    const subscribes = (channel: string) => socket.sent.filter((f) => f.type === 'subscribe' && f.channel === channel).length;
    expect(subscribes('group:a')).toBe(1);
    socket.receive({ type: 'error', code: 'UNAVAILABLE', channel: 'group:a' });
    socket.receive({ type: 'error', code: 'FORBIDDEN', channel: 'group:b' });
    await vi.advanceTimersByTimeAsync(150);
    expect(subscribes('group:a')).toBe(2);
    socket.receive({ type: 'error', code: 'UNAVAILABLE', channel: 'group:a' });
    await vi.advanceTimersByTimeAsync(250);
    expect(subscribes('group:a')).toBe(3);
    socket.receive({ type: 'subscribed', channel: 'group:a', lastId: '0' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(subscribes('group:a')).toBe(3);
    expect(subscribes('group:b')).toBe(1);
    client.stop();
  });
});
