import type { Redis } from '../redis.js';
import { coverage, DEFAULT_LIMITS, type AppendedFrame, type BacklogLimits, type ChannelLog, type FrameListener } from './channel-log.js';

const PUBSUB = 'quanzi:rt:frames';

/**
 * One atomic step per event, so every instance sees the same ids in the same order: drop a key seen
 * before, increment the channel's id, build the frame, keep it in the capped backlog, publish it.
 */
const APPEND = `
if redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[6]) == false then return false end
local id = redis.call('INCR', KEYS[1])
local frame = '{"type":"event","channel":' .. cjson.encode(ARGV[1]) .. ',"id":"' .. id .. '","name":' .. cjson.encode(ARGV[2]) .. ',"data":' .. ARGV[3] .. ',"at":' .. ARGV[4] .. '}'
redis.call('RPUSH', KEYS[2], id .. ' ' .. frame)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[5]), -1)
redis.call('PEXPIRE', KEYS[2], ARGV[6])
redis.call('PUBLISH', KEYS[4], id .. ' ' .. frame)
return id .. ' ' .. frame
`;

/** Splits a stored "<id> <frame>" entry. */
const parseEntry = (entry: string) => {
  const space = entry.indexOf(' ');
  return { id: Number(entry.slice(0, space)), frame: entry.slice(space + 1) };
};

/** Channel of a frame, read from its fixed prefix `{"type":"event","channel":"…"`. */
const channelOf = (frame: string): string => JSON.parse(frame.slice(26, frame.indexOf(',"id":')));

/** The backlog and the id counter live in Redis, so a client may resume on any instance. */
export class RedisChannelLog implements ChannelLog {
  private readonly listeners: FrameListener[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly limits: BacklogLimits = DEFAULT_LIMITS,
    private readonly prefix = 'quanzi:rt',
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.pubsub) return;
      const { id, frame } = parseEntry(message);
      const appended = { channel: channelOf(frame), id, frame };
      for (const listener of this.listeners) listener(appended);
    });
    await this.subscriber.subscribe(this.pubsub);
  }

  private get pubsub(): string {
    return this.prefix === 'quanzi:rt' ? PUBSUB : `${this.prefix}:frames`;
  }

  async append(channel: string, key: string, name: string, dataJson: string, at: number): Promise<AppendedFrame | null> {
    const keys = [`${this.prefix}:seq:${channel}`, `${this.prefix}:log:${channel}`, `${this.prefix}:seen:${key}`, this.pubsub];
    const result = (await this.redis.eval(
      APPEND,
      keys.length,
      ...keys,
      channel,
      name,
      dataJson,
      String(at),
      String(this.limits.maxEvents),
      String(this.limits.maxAgeMs),
    )) as string | null;
    if (!result) return null;
    const { id, frame } = parseEntry(result);
    return { channel, id, frame };
  }

  async since(channel: string, lastId: number, now: number): Promise<string[] | 'resync'> {
    const [entries, head] = await Promise.all([this.redis.lrange(`${this.prefix}:log:${channel}`, 0, -1), this.head(channel)]);
    return coverage(entries.map(parseEntry), head, lastId, now, this.limits);
  }

  async head(channel: string): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}:seq:${channel}`)) ?? 0);
  }

  onFrame(listener: FrameListener): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.subscriber.unsubscribe(this.pubsub).catch(() => undefined);
  }
}
