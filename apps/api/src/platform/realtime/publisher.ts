import type { Clock } from '../clock.js';
import type { ChannelLog } from './channel-log.js';

/**
 * Publishing is appending to the channel log; the hubs on every instance fan the frame out. Call it
 * only from outbox subscribers (after commit), keyed by the outbox event id.
 */
export class RealtimePublisher {
  constructor(
    private readonly log: ChannelLog,
    private readonly clock: Clock,
  ) {}

  publish(channel: string, name: string, data: unknown, key: string) {
    return this.log.append(channel, key, name, JSON.stringify(data ?? null), this.clock.now().getTime());
  }
}
