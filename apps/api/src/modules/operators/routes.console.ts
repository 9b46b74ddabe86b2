import {
  ConsoleLoginRequest,
  ConsoleSessionResponse,
  CreateOperatorRequest,
  ErrorBody,
  Operator,
  RoleInfo,
  UpdateOperatorRequest,
} from '@quanzi/contracts';
import { z } from 'zod';
import { OPERATOR_COOKIE } from '../../platform/http/csrf.js';
import { requestMeta } from '../../platform/http/auth.js';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import { ROLE_PERMISSIONS } from './permissions.js';
import type { OperatorsModule } from './index.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 423: ErrorBody, 429: ErrorBody };
const tags = ['console: operators'];

export const CONSOLE_LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

export function operatorsConsoleRoutes(app: HttpApp, ctx: RouteContext & { secureCookies: boolean }, operators: OperatorsModule): void {
  const { auth } = ctx;

  app.post(
    '/auth/login',
    {
      config: { access: 'public', rateLimit: CONSOLE_LOGIN_RATE_LIMIT },
      schema: { tags, summary: 'Operator login', body: ConsoleLoginRequest, response: { 200: ConsoleSessionResponse, ...errors } },
    },
    async (request, reply) => {
      const session = await operators.login(request.body.username, request.body.password, requestMeta(request));
      reply.setCookie(OPERATOR_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return { ...session, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/logout',
    { config: { access: 'operator' }, schema: { tags, summary: 'End this console session', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const op = await auth.operator(request);
      await operators.logout(op, requestMeta(request));
      reply.clearCookie(OPERATOR_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    { config: { access: 'operator' }, schema: { tags, summary: 'The signed-in operator', response: { 200: Operator, ...errors } } },
    async (request) => {
      const op = await auth.operator(request);
      return operators.get(op.operatorId);
    },
  );

  app.get(
    '/roles',
    {
      config: { access: 'operator' },
      schema: { tags, summary: 'Roles and their permissions', response: { 200: z.object({ items: z.array(RoleInfo) }), ...errors } },
    },
    async (request) => {
      await auth.operator(request);
      return {
        items: Object.entries(ROLE_PERMISSIONS).map(([role, permissions]) => ({
          role: role as keyof typeof ROLE_PERMISSIONS,
          permissions,
        })),
      };
    },
  );

  app.get(
    '/operators',
    {
      config: { access: { operator: 'operators.manage' } },
      schema: { tags, summary: 'All operators', response: { 200: z.object({ items: z.array(Operator) }), ...errors } },
    },
    async (request) => {
      await auth.operator(request, 'operators.manage');
      return { items: await operators.list() };
    },
  );

  app.post(
    '/operators',
    {
      config: { access: { operator: 'operators.manage' } },
      schema: { tags, summary: 'Create an operator', body: CreateOperatorRequest, response: { 201: Operator, ...errors } },
    },
    async (request, reply) => {
      const op = await auth.operator(request, 'operators.manage');
      return reply.code(201).send(await operators.create(op, request.body, requestMeta(request)));
    },
  );

  app.patch(
    '/operators/:id',
    {
      config: { access: { operator: 'operators.manage' } },
      schema: {
        tags,
        summary: 'Change roles, name or disable',
        params: z.object({ id: z.uuid() }),
        body: UpdateOperatorRequest,
        response: { 200: Operator, ...errors },
      },
    },
    async (request) => {
      const op = await auth.operator(request, 'operators.manage');
      return operators.update(op, request.params.id, request.body, requestMeta(request));
    },
  );
}
