import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLogOptions } from './request-log.js';

/** The log lines a server with our request log writes for `urls`, at `level`. */
async function logsOf(level: string, urls: string[]): Promise<Array<Record<string, any>>> {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  // The same request serializer as app/http.ts: the path only, never the query string.
  const serializers = { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }) };
  const app = Fastify({ loggerInstance: pino({ level, serializers }, sink) as FastifyBaseLogger, ...requestLogOptions() });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/refused', async (_request, reply) => reply.code(403).send({ error: 'no' }));
  for (const url of urls) await app.inject({ url });
  await app.close();
  return lines;
}

describe('request logs', () => {
  it('say nothing about successful requests at the default level, and one line per 4xx/5xx without the query string', async () => {
    const lines = await logsOf('info', ['/ok', '/ok?phone=13800000001', '/refused?token=secret', '/missing']);
    expect(lines.map((l) => [l.msg, l.req?.url, l.status])).toEqual([
      ['request refused or failed', '/refused', 403],
      ['request refused or failed', '/missing', 404],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/13800000001|secret/);
  });

  it('log every request at debug', async () => {
    const lines = await logsOf('debug', ['/ok', '/refused']);
    expect(lines.map((l) => [l.msg, l.status])).toEqual([
      ['incoming request', undefined],
      ['request completed', 200],
      ['incoming request', undefined],
      ['request refused or failed', 403],
    ]);
  });
});
