import {
  AGREEMENT_VERSION,
  BankBin,
  BankCard,
  BindCardRequest,
  ClosureBlocker,
  CloseAccountRequest,
  DeviceSession,
  ErrorBody,
  LoginEvent,
  LoginRequest,
  MemberProfile,
  PageQuery,
  PasswordResetRequest,
  PaymentPasswordRequest,
  PaymentPasswordResetRequest,
  RealNameRequest,
  RegisterRequest,
  SendSmsCodeRequest,
  SendSmsCodeResponse,
  SessionResponse,
  SetNicknameRequest,
  VerifyPaymentPasswordRequest,
  pageOf,
} from '@quanzi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { MEMBER_COOKIE } from '../../platform/http/csrf.js';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { ClientInfo } from './deps.js';
import type { IdentityModule } from './index.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 423: ErrorBody, 429: ErrorBody };
const tags = ['member: account'];
const Id = z.object({ id: z.uuid() });

/** Limits per IP for the endpoints an attacker would hammer (on top of the global limit). */
export const AUTH_RATE_LIMITS = {
  smsCodes: { max: 5, timeWindow: '1 minute' },
  register: { max: 10, timeWindow: '1 minute' },
  login: { max: 10, timeWindow: '1 minute' },
  passwordReset: { max: 10, timeWindow: '1 minute' },
} as const;

const client = (request: FastifyRequest, deviceId?: string): ClientInfo => ({ ...requestMeta(request), deviceId });

export function identityMemberRoutes(app: HttpApp, ctx: RouteContext & { secureCookies: boolean }, identity: IdentityModule): void {
  const { auth } = ctx;
  const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(MEMBER_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: ctx.secureCookies, path: '/', expires: expiresAt });

  app.post(
    '/auth/sms-codes',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMITS.smsCodes },
      schema: { tags, summary: 'Send a 6-digit code by SMS', body: SendSmsCodeRequest, response: { 202: SendSmsCodeResponse, ...errors } },
    },
    async (request, reply) => {
      const { phone, purpose } = request.body;
      if (purpose === 'bind_card') await auth.member(request);
      // The payment-password reset code goes only to the signed-in member's own phone (POST /me/payment-password/reset/sms-code).
      if (purpose === 'reset_payment_password') throw new AppError('FORBIDDEN');
      if (purpose === 'register' && (await identity.phoneRegistered(phone))) throw new AppError('PHONE_TAKEN');
      return reply.code(202).send(await identity.sendCode(phone, purpose));
    },
  );

  app.post(
    '/auth/register',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMITS.register },
      schema: {
        tags,
        summary: 'Register with phone, SMS code and password',
        body: RegisterRequest,
        response: { 201: SessionResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { deviceId, ...input } = request.body;
      const session = await identity.register(input, client(request, deviceId));
      setSessionCookie(reply, session.token, session.expiresAt);
      return reply.code(201).send({ ...session, expiresAt: session.expiresAt.toISOString() });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMITS.login },
      schema: { tags, summary: 'Log in with phone and password', body: LoginRequest, response: { 200: SessionResponse, ...errors } },
    },
    async (request, reply) => {
      const { phone, password, deviceId, smsCode } = request.body;
      const session = await identity.login(phone, password, client(request, deviceId), smsCode);
      setSessionCookie(reply, session.token, session.expiresAt);
      return { ...session, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', rateLimit: AUTH_RATE_LIMITS.passwordReset },
      schema: {
        tags,
        summary: "忘记密码: set a new login password with an SMS code (and the ID number's last four when verified); ends every session",
        body: PasswordResetRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await identity.resetPassword(request.body, client(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'member' }, schema: { tags, summary: 'End this session', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const principal = await auth.member(request);
      await identity.revokeSession(principal, principal.sessionId, client(request));
      reply.clearCookie(MEMBER_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/agreements',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Current versions of the user agreement and privacy policy',
        response: {
          200: z.object({
            version: z.string(),
            documents: z.array(z.object({ kind: z.string(), title: z.string(), version: z.string() })),
          }),
        },
      },
    },
    async () => ({
      version: AGREEMENT_VERSION,
      documents: [
        { kind: 'user', title: '用户服务协议', version: AGREEMENT_VERSION },
        { kind: 'privacy', title: '隐私政策', version: AGREEMENT_VERSION },
      ],
    }),
  );

  app.get(
    '/bank-bins/:bin',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Bank of a debit card by its first six digits',
        params: z.object({ bin: z.string().regex(/^\d{6}$/) }),
        response: { 200: BankBin, ...errors },
      },
    },
    async (request) => {
      const bin = identity.lookupBin(request.params.bin);
      if (!bin) throw new AppError('UNSUPPORTED_BANK');
      return bin;
    },
  );

  app.get(
    '/me',
    { config: { access: 'member' }, schema: { tags, summary: 'The signed-in member', response: { 200: MemberProfile, ...errors } } },
    async (request) => {
      const { memberId } = await auth.member(request);
      return identity.profile(memberId);
    },
  );

  app.put(
    '/me/nickname',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Change my nickname (reserved words such as 官方 or 客服 are refused)',
        body: SetNicknameRequest,
        response: { 200: z.object({ nickname: z.string() }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return identity.setNickname(memberId, request.body.nickname);
    },
  );

  app.post(
    '/me/real-name',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Verify real name with a resident ID', body: RealNameRequest, response: { 200: MemberProfile, ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return identity.verifyRealName(memberId, request.body.name, request.body.idNumber, client(request));
    },
  );

  app.post(
    '/me/bank-cards',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Bind a debit card (four elements + SMS code)',
        body: BindCardRequest,
        response: { 201: BankCard, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return reply.code(201).send(await identity.bindCard(memberId, request.body, client(request)));
    },
  );

  app.delete(
    '/me/bank-cards/:id',
    { config: { access: 'member' }, schema: { tags, summary: 'Unbind a card', params: Id, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await identity.unbindCard(memberId, request.params.id, client(request));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/me/payment-password',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'Set or change the 6-digit payment password',
        body: PaymentPasswordRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await identity.setPaymentPassword(memberId, request.body.paymentPassword, request.body.currentPaymentPassword, client(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/payment-password/verify',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Check the payment password', body: VerifyPaymentPasswordRequest, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await identity.verifyPaymentPassword(memberId, request.body.paymentPassword, client(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/payment-password/reset/sms-code',
    {
      config: { access: 'member', rateLimit: AUTH_RATE_LIMITS.smsCodes },
      schema: {
        tags,
        summary: '找回支付密码: send the code to the registered phone',
        response: { 202: SendSmsCodeResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      return reply.code(202).send(await identity.sendPaymentResetCode(memberId));
    },
  );

  app.post(
    '/me/payment-password/reset',
    {
      config: { access: 'member', rateLimit: AUTH_RATE_LIMITS.passwordReset },
      schema: {
        tags,
        summary: "找回支付密码: SMS code, real name and ID number again, and one bound card's number",
        body: PaymentPasswordResetRequest,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await identity.resetPaymentPassword(memberId, request.body, client(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/sessions',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Signed-in devices', response: { 200: z.object({ items: z.array(DeviceSession) }), ...errors } },
    },
    async (request) => {
      const principal = await auth.member(request);
      return { items: await identity.devices(principal) };
    },
  );

  app.delete(
    '/me/sessions/:id',
    { config: { access: 'member' }, schema: { tags, summary: 'Sign a device out', params: Id, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const principal = await auth.member(request);
      await identity.revokeSession(principal, request.params.id, client(request));
      if (request.params.id === principal.sessionId) reply.clearCookie(MEMBER_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/login-history',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Login attempts, newest first', querystring: PageQuery, response: { 200: pageOf(LoginEvent), ...errors } },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return identity.loginHistory(memberId, request.query.page, request.query.pageSize);
    },
  );

  app.get(
    '/me/closure',
    {
      config: { access: 'member' },
      schema: {
        tags,
        summary: 'What still blocks closing the account',
        response: { 200: z.object({ blockers: z.array(ClosureBlocker) }), ...errors },
      },
    },
    async (request) => {
      const { memberId } = await auth.member(request);
      return { blockers: await identity.closureBlockers(memberId) };
    },
  );

  app.post(
    '/me/closure',
    {
      config: { access: 'member' },
      schema: { tags, summary: 'Close the account', body: CloseAccountRequest, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await identity.close(memberId, request.body.password, client(request));
      reply.clearCookie(MEMBER_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
}
