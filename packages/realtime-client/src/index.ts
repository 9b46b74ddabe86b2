export {
  RealtimeClient,
  realtimeUrl,
  type ConnectionState,
  type RealtimeClientOptions,
  type RealtimeEvent,
  type SocketLike,
} from './client.js';
export { backoffDelay } from './backoff.js';
