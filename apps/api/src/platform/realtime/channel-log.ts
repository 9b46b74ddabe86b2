/**
 * Where a channel's events get their ids and wait for clients that reconnect. The frame is the
 * exact JSON sent on the wire, built once when the event is appended.
 */
export interface AppendedFrame {
  channel: string;
  id: number;
  frame: string;
}

export type FrameListener = (appended: AppendedFrame) => void;

export interface BacklogLimits {
  /** Events kept per channel. */
  maxEvents: number;
  /** Age after which an event no longer counts as covered by the backlog. */
  maxAgeMs: number;
}

export const DEFAULT_LIMITS: BacklogLimits = { maxEvents: 1000, maxAgeMs: 60 * 60_000 };

export interface ChannelLog {
  /**
   * Assigns the next id on `channel` and stores the event, unless `key` (the outbox event id) was
   * appended before — then nothing happens and null is returned: an event dispatched twice is
   * delivered once, with one id.
   */
  append(channel: string, key: string, name: string, dataJson: string, at: number): Promise<AppendedFrame | null>;
  /** Frames after `lastId`, oldest first, or 'resync' when the backlog no longer reaches back that far. */
  since(channel: string, lastId: number, now: number): Promise<string[] | 'resync'>;
  head(channel: string): Promise<number>;
  /** Called for every appended frame, on every instance that shares this log. */
  onFrame(listener: FrameListener): void;
  close(): Promise<void>;
}

/** Builds the wire frame once; `dataJson` is already JSON. */
export const eventFrame = (channel: string, id: number, name: string, dataJson: string, at: number): string =>
  `{"type":"event","channel":${JSON.stringify(channel)},"id":"${id}","name":${JSON.stringify(name)},"data":${dataJson},"at":${at}}`;

/** The `at` of a stored frame, without parsing the whole event. */
export const frameAt = (frame: string): number => Number(/"at":(\d+)\}$/.exec(frame)?.[1] ?? 0);

/** Decides what a client resuming from `lastId` gets, given the retained frames (oldest first) and their ids. */
export function coverage(
  retained: Array<{ id: number; frame: string }>,
  head: number,
  lastId: number,
  now: number,
  limits: BacklogLimits,
): string[] | 'resync' {
  if (lastId > head) return 'resync';
  if (lastId === head) return [];
  const fresh = retained.filter((r) => now - frameAt(r.frame) <= limits.maxAgeMs);
  const oldest = fresh[0]?.id ?? head + 1;
  if (oldest > lastId + 1) return 'resync';
  return fresh.filter((r) => r.id > lastId).map((r) => r.frame);
}

/** The single-instance log: memory only, gone on restart (clients then resync). */
export class MemoryChannelLog implements ChannelLog {
  private readonly channels = new Map<string, { head: number; frames: Array<{ id: number; frame: string }> }>();
  private readonly seenKeys = new Map<string, number>();
  private readonly listeners: FrameListener[] = [];

  constructor(private readonly limits: BacklogLimits = DEFAULT_LIMITS) {}

  async append(channel: string, key: string, name: string, dataJson: string, at: number): Promise<AppendedFrame | null> {
    if (this.seenKeys.has(key)) return null;
    this.seenKeys.set(key, at);
    if (this.seenKeys.size > 100_000) this.forgetOldKeys(at);
    const state = this.channels.get(channel) ?? { head: 0, frames: [] };
    this.channels.set(channel, state);
    const id = ++state.head;
    const frame = eventFrame(channel, id, name, dataJson, at);
    state.frames.push({ id, frame });
    if (state.frames.length > this.limits.maxEvents) state.frames.splice(0, state.frames.length - this.limits.maxEvents);
    const appended = { channel, id, frame };
    for (const listener of this.listeners) listener(appended);
    return appended;
  }

  async since(channel: string, lastId: number, now: number): Promise<string[] | 'resync'> {
    const state = this.channels.get(channel) ?? { head: 0, frames: [] };
    return coverage(state.frames, state.head, lastId, now, this.limits);
  }

  async head(channel: string): Promise<number> {
    return this.channels.get(channel)?.head ?? 0;
  }

  onFrame(listener: FrameListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {}

  private forgetOldKeys(now: number): void {
    for (const [key, at] of this.seenKeys) if (now - at > this.limits.maxAgeMs) this.seenKeys.delete(key);
  }
}
