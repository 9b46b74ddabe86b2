import type { Logger } from 'pino';
import type { Redis } from './redis.js';

type Listener = (key: string) => void;

/**
 * Tells every instance that a cached value is stale. In a single instance it is a local call;
 * with REDIS_URL the message also goes through Redis pub/sub, so a change committed on instance A
 * evicts instance B's copy within milliseconds. Publish only after the change has committed.
 */
export class InvalidationBus {
  private readonly listeners = new Map<string, Listener[]>();
  private static readonly CHANNEL = 'quanzi:invalidate';
  private readonly origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;

  constructor(
    private readonly publisher?: Redis,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  /** Subscribes to Redis with a dedicated connection (a subscribed connection can do nothing else). */
  async connect(subscriber: Redis): Promise<void> {
    subscriber.on('message', (_channel: string, raw: string) => {
      const { topic, key, origin } = JSON.parse(raw) as { topic: string; key: string; origin: string };
      if (origin !== this.origin) this.deliver(topic, key);
    });
    await subscriber.subscribe(InvalidationBus.CHANNEL);
  }

  on(topic: string, listener: Listener): void {
    this.listeners.set(topic, [...(this.listeners.get(topic) ?? []), listener]);
  }

  publish(topic: string, key: string): void {
    this.deliver(topic, key);
    this.publisher?.publish(InvalidationBus.CHANNEL, JSON.stringify({ topic, key, origin: this.origin })).catch((err: unknown) => {
      this.logger?.warn({ err }, 'could not broadcast a cache invalidation; other instances expire it by TTL');
    });
  }

  private deliver(topic: string, key: string): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(key);
  }
}
