import crypto from 'node:crypto';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { call } from '../../../test/harness.js';
import { freshPhone, registerMember, useDemoSystem } from '../../../test/flows.js';
import { assess, fundWallet } from '../../../test/invest-flows.js';
import { PAYMENT_PASSWORD, verifiedMemberSeeds } from '../../../test/wallet-flows.js';
import { qrLayout } from './poster.js';
import { tierFor } from './policy.js';

const env = useDemoSystem();

/** A verified member (real name, card, payment password) with a phone of its own block, signed in from `deviceId`. */
async function verifiedMember(deviceId?: string) {
  const [seed] = verifiedMemberSeeds(1);
  const phone = `15${crypto.randomInt(100_000_000, 999_999_999)}`;
  await env.sys.modules.identity.seedDemo([{ ...seed!, phone, card: { ...seed!.card, reservedPhone: phone } }]);
  const res = await call(env.sys.app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    body: { phone, password: 'Quanzi2026', ...(deviceId ? { deviceId } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { token: res.json().token as string, memberId: res.json().member.id as string, phone };
}
const summary = async (token: string) => {
  const res = await call(env.sys.app, { url: '/api/v1/me/referral', token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const bind = (token: string, code: string) => call(env.sys.app, { method: 'POST', url: '/api/v1/me/referral/bind', token, body: { code } });
const drain = () => env.sys.platform.outbox.drainAll();

async function invest(member: { token: string; memberId: string }) {
  const products = (await call(env.sys.app, { url: '/api/v1/products?type=demand', token: member.token })).json().items;
  const product = products.find((p: { status: string }) => p.status === 'on_sale');
  expect(product).toBeDefined();
  await assess(env.sys, member.memberId);
  await fundWallet(env.sys, member.memberId, 1_000_000n);
  const res = await call(env.sys.app, {
    method: 'POST',
    url: '/api/v1/investments',
    token: member.token,
    headers: { 'idempotency-key': crypto.randomUUID() },
    body: {
      productId: product.id,
      amount: product.minAmount,
      paymentPassword: PAYMENT_PASSWORD,
      acceptedContractVersion: product.contractVersion,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe('referral', () => {
  it('rewards the inviter once, in points, when the invitee first invests within the window', async () => {
    const inviter = await verifiedMember('inviter-phone-1');
    const { code, link } = await summary(inviter.token);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(link).toContain(`ref=${code}`);
    const invitee = await verifiedMember('invitee-phone-1');
    expect((await bind(invitee.token, code.toLowerCase())).json()).toEqual({ status: 'pending' });
    expect((await bind(invitee.token, code)).json().error.code).toBe('REFERRAL_ALREADY_BOUND');
    expect((await summary(inviter.token)).counts).toMatchObject({ invited: 1, pending: 1, rewarded: 0 });

    await invest(invitee);
    await drain();
    await invest(invitee);
    await drain();
    const after = await summary(inviter.token);
    expect(after.counts).toMatchObject({ invited: 1, pending: 0, rewarded: 1 });
    expect(after.pointsEarned).toBe(100);
    expect(after.rewards).toHaveLength(1);
    expect(await env.sys.modules.loyalty.points.balance(inviter.memberId)).toBe(100);
    expect((await summary(invitee.token)).invitedBy).toEqual({ status: 'rewarded' });
  });

  it('refuses a self-referral and a referral from a shared device, with reasons the inviter sees', async () => {
    const inviter = await verifiedMember('shared-device-42');
    const { code } = await summary(inviter.token);
    // Entering one's own code.
    expect((await bind(inviter.token, code)).json()).toEqual({ status: 'refused' });
    // A new account registered on the inviter's phone with the inviter's code.
    await registerMember(env.sys.app, env.admin, freshPhone(), { referralCode: code, deviceId: 'shared-device-42' });
    // An unrelated newcomer on their own device is pending.
    await registerMember(env.sys.app, env.admin, freshPhone(), { referralCode: code, deviceId: 'own-device-7' });
    await drain();
    await drain();
    const s = await summary(inviter.token);
    expect(s.counts).toMatchObject({ invited: 3, refused: 2, pending: 1 });
    expect(s.refused.map((r: { reason: string }) => r.reason).sort()).toEqual(['self_referral', 'shared_device']);
    // Refused referrals earn nothing.
    expect(await env.sys.modules.loyalty.points.balance(inviter.memberId)).toBe(0);
  });

  it('refuses an invitee whose card is reserved under the inviter’s phone when the first investment comes', async () => {
    const inviter = await verifiedMember();
    const { code } = await summary(inviter.token);
    const [seed] = verifiedMemberSeeds(1);
    const phone = `18${crypto.randomInt(100_000_000, 999_999_999)}`;
    await env.sys.modules.identity.seedDemo([{ ...seed!, phone, card: { ...seed!.card, reservedPhone: inviter.phone } }]);
    const login = (await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone, password: 'Quanzi2026' } })).json();
    const invitee = { token: login.token as string, memberId: login.member.id as string };
    expect((await bind(invitee.token, code)).json()).toEqual({ status: 'refused' });
    const s = await summary(inviter.token);
    expect(s.refused.map((r: { reason: string }) => r.reason)).toEqual(['self_referral']);
    expect((await bind(invitee.token, 'ZZZZZZZZ')).statusCode).toBe(409);
  });

  it('does not reward a first investment after the window, and refuses unknown codes', async () => {
    const inviter = await verifiedMember();
    const { code } = await summary(inviter.token);
    const invitee = await verifiedMember();
    expect((await bind(invitee.token, code)).statusCode).toBe(200);
    env.sys.clock.advance(31 * 86_400_000);
    const relogin = (
      await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: invitee.phone, password: 'Quanzi2026' } })
    ).json();
    await invest({ token: relogin.token, memberId: invitee.memberId });
    await drain();
    const inviterAgain = (
      await call(env.sys.app, { method: 'POST', url: '/api/v1/auth/login', body: { phone: inviter.phone, password: 'Quanzi2026' } })
    ).json();
    const s = await summary(inviterAgain.token);
    expect(s.counts).toMatchObject({ expired: 1, rewarded: 0 });
    expect(await env.sys.modules.loyalty.points.balance(inviter.memberId)).toBe(0);
    const stranger = await verifiedMember();
    const unknown = await bind(stranger.token, 'ZZZZZZZZ');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('REFERRAL_CODE_INVALID');
    expect((await bind(stranger.token, 'bad')).statusCode).toBe(400);
  });

  it('draws the poster as a PNG with the QR of the member’s invite link', async () => {
    const member = await verifiedMember();
    const { code, link } = await summary(member.token);
    const res = await call(env.sys.app, { url: '/api/v1/me/referral/poster.png', token: member.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(res.rawPayload);
    expect([png.width, png.height]).toEqual([600, 820]);
    const { qr, size, scale, quiet, left, top } = qrLayout(link);
    let mismatches = 0;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const px = left + quiet + x * scale + Math.floor(scale / 2);
        const py = top + quiet + y * scale + Math.floor(scale / 2);
        const dark = png.data[(png.width * py + px) << 2]! < 128;
        if (dark !== !!qr.modules.get(y, x)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(code.length).toBe(8);
    expect((await call(env.sys.app, { url: '/api/v1/me/referral/poster.png' })).statusCode).toBe(401);
  });

  it('tiers the reward by the number of converted invitees', () => {
    expect([1, 3, 4, 10, 11, 50].map((n) => tierFor(n).points)).toEqual([100, 100, 150, 150, 200, 200]);
  });
});
