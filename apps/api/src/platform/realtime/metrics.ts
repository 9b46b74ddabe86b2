import client from 'prom-client';
import { metricsRegistry } from '../http/metrics.js';

export const realtimeMetrics = {
  connections: new client.Gauge({ name: 'quanzi_ws_connections', help: 'Open WebSocket connections', registers: [metricsRegistry] }),
  subscriptions: new client.Gauge({
    name: 'quanzi_ws_subscriptions',
    help: 'Channel subscriptions across open sockets',
    registers: [metricsRegistry],
  }),
  delivered: new client.Counter({
    name: 'quanzi_ws_frames_delivered_total',
    help: 'Event frames written to sockets',
    registers: [metricsRegistry],
  }),
  replayed: new client.Counter({
    name: 'quanzi_ws_frames_replayed_total',
    help: 'Backlog frames sent to resuming clients',
    registers: [metricsRegistry],
  }),
  resyncs: new client.Counter({
    name: 'quanzi_ws_resyncs_total',
    help: 'Resumes the backlog could not cover',
    registers: [metricsRegistry],
  }),
  slowDropped: new client.Counter({
    name: 'quanzi_ws_slow_consumers_dropped_total',
    help: 'Sockets closed for falling behind',
    registers: [metricsRegistry],
  }),
  signedOut: new client.Counter({
    name: 'quanzi_ws_signed_out_total',
    help: 'Sockets closed because their session ended',
    registers: [metricsRegistry],
  }),
  rejected: new client.Counter({
    name: 'quanzi_ws_rejected_total',
    help: 'Refused upgrades, frames and subscriptions',
    labelNames: ['reason'] as const,
    registers: [metricsRegistry],
  }),
};
