import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ece from 'http_ece';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { useDemoSystem } from '../../../test/flows.js';
import { http as call, verifiedMembers } from '../../../test/wallet-flows.js';

// A real SMTP server in-process: nodemailer delivers to it over SMTP, mailparser reads the MIME.
const received: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((mail) => received.push(mail))
      .then(() => done(), done);
  },
});
await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
const smtpPort = (smtp.server.address() as AddressInfo).port;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quanzi-push-'));
const base = loadConfig({ QUANZI_SECRET: 'x'.repeat(40), SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } as NodeJS.ProcessEnv, ['node', 'main']);

const env = useDemoSystem({ listen: true, config: { globalRateLimit: 1_000_000, dataDir, touch: base.touch } });
const sys = () => env.sys;
afterAll(() => new Promise<void>((r) => smtp.close(() => r())));

describe('email over SMTP', () => {
  it('delivers MIME with RFC 8058 one-click unsubscribe for marketing, and the link unsubscribes', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    expect(
      (await call(sys(), { method: 'PUT', path: '/api/v1/me/notification-bindings/email', token: m!.token, body: { email: 'no-at-sign' } }))
        .status,
    ).toBe(400);
    const bound = await call(sys(), {
      method: 'PUT',
      path: '/api/v1/me/notification-bindings/email',
      token: m!.token,
      body: { email: 'lin.xiao@example.com' },
    });
    expect(bound.json().bindings.email).toBe('l***@example.com');
    await sys().modules.notifications.send({
      memberId: m!.memberId,
      topic: 'campaign_news',
      title: '理财讲座报名',
      body: '周六下午线上讲座，欢迎报名',
      link: '/live',
      channels: ['email'],
    });
    await sys().modules.notifications.send({
      memberId: m!.memberId,
      topic: 'security',
      title: '登录提醒',
      body: '新设备登录',
      channels: ['email'],
    });
    await sys().modules.notifications.deliverDue();
    await expect.poll(() => received.length).toBe(2);
    const marketing = received.find((r) => r.subject === '理财讲座报名')!;
    expect(marketing.to).toMatchObject({ text: 'lin.xiao@example.com' });
    expect(marketing.text).toContain('周六下午线上讲座');
    expect(marketing.text).toContain(`${sys().url}/live`);
    const raw = (name: string) => marketing.headerLines.find((h) => h.key === name)?.line;
    expect(raw('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // Long header lines are folded (RFC 5322): unfold before reading the URL.
    const url = /^List-Unsubscribe: ?<([^>]+)>$/.exec((raw('list-unsubscribe') ?? '').replace(/\r?\n[ \t]+/g, ' ').replace(': ', ':'))![1]!;
    expect(url).toMatch(new RegExp(`^${sys().url}/api/v1/unsubscribe/`));
    expect(marketing.messageId).toMatch(/@quanzi\.local>$/);
    // Transactional mail carries no unsubscribe.
    expect(received.find((r) => r.subject === '登录提醒')!.headerLines.some((h) => h.key.startsWith('list-'))).toBe(false);

    // The mail client's one-click POST (RFC 8058 body), then the topic is off on email only.
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const view = (await call(sys(), { path: '/api/v1/me/notification-preferences', token: m!.token })).json();
    expect(view.topics.find((t: { topic: string }) => t.topic === 'campaign_news').channels).toMatchObject({ email: false, in_app: true });
    expect((await fetch(`${url}x`, { method: 'POST' })).status).toBe(404);
  });
});

describe('web push', () => {
  // A local endpoint standing in for the push service: it keeps what it receives.
  const pushes: Array<{ headers: http.IncomingHttpHeaders; body: Buffer }> = [];
  let status = 201;
  const service = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushes.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((r) => service.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(service.address() as AddressInfo).port}/push/abc`;
  });
  afterAll(() => new Promise<void>((r) => service.close(() => r())));

  it('encrypts the payload to the subscription (aes128gcm) with VAPID from the data dir; the receiver decrypts it', async () => {
    const [m] = await verifiedMembers(sys(), 1);
    const key = (await call(sys(), { path: '/api/v1/me/push/vapid-public-key', token: m!.token })).json().publicKey as string;
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'vapid.json'), 'utf8')).publicKey).toBe(key);
    // The browser's side of a subscription: an ECDH P-256 key pair and an auth secret.
    const browser = crypto.createECDH('prime256v1');
    browser.generateKeys();
    const auth = crypto.randomBytes(16);
    const sub = { endpoint, keys: { p256dh: browser.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
    expect(
      (
        await call(sys(), {
          method: 'POST',
          path: '/api/v1/me/push/subscriptions',
          token: m!.token,
          body: { ...sub, endpoint: 'ftp://x/y' },
        })
      ).status,
    ).toBe(400);
    const ok = await call(sys(), { method: 'POST', path: '/api/v1/me/push/subscriptions', token: m!.token, body: sub });
    expect(ok.json().bindings.push).toBe(1);
    await sys().modules.notifications.send({
      memberId: m!.memberId,
      topic: 'market_alerts',
      title: '行情提醒',
      body: '沪深300 今日收涨',
      link: '/market',
      channels: ['push'],
    });
    await sys().modules.notifications.deliverDue();
    expect(pushes).toHaveLength(1);
    const [push] = pushes;
    expect(push!.headers['content-encoding']).toBe('aes128gcm');
    expect(push!.headers.authorization).toMatch(new RegExp(`^vapid t=.+, k=${key}$`));
    const plain = ece.decrypt(push!.body, { version: 'aes128gcm', privateKey: browser, authSecret: auth.toString('base64url') });
    const payload = JSON.parse(plain.toString('utf8'));
    expect(payload).toMatchObject({ title: '行情提醒', body: '沪深300 今日收涨', link: '/market' });
    expect(payload.unsubscribe).toMatch(/\/api\/v1\/unsubscribe\//);

    // The push service says the subscription is gone: it is removed, the delivery fails.
    status = 410;
    await sys().modules.notifications.send({
      memberId: m!.memberId,
      topic: 'market_alerts',
      title: '行情提醒 2',
      body: '收盘',
      channels: ['push'],
    });
    await sys().modules.notifications.deliverDue();
    const view = (await call(sys(), { path: '/api/v1/me/notification-preferences', token: m!.token })).json();
    expect(view.bindings.push).toBe(0);
  });
});
