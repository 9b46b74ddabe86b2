import type { Permission } from '@quanzi/contracts';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler, preValidationHookHandler, RouteOptions } from 'fastify';
import type { Auth } from './auth.js';

/**
 * Who may call a route, declared in its options (`config: { access }`) and enforced before the body
 * is parsed or validated, so a caller who may not call learns nothing about the schema
 * (ARCHITECTURE.md, invariant 2). Every route under `/api/v1` must declare one; the server refuses
 * to start otherwise.
 *
 * - `'public'`: anyone. A handler may still ask for a session in a branch that needs one.
 * - `'optional-member'`: anyone, but a session that is sent must be valid (401 otherwise).
 * - `'member'`: a signed-in member (401).
 * - `'operator'`: any signed-in operator (401).
 * - `{ operator: permission }`: an operator holding the permission (401, then 403).
 * - `{ partner, verify }`: a partner proving itself by a signature over the request (issuer HMAC);
 *   `verify` runs after parsing and before validation, its result is `auth.partner(request)`.
 * - `'callback'`: a gateway's signed notification, verified by the use case in the gateway's own
 *   protocol (it answers `fail`, never a schema error).
 */
export type Access =
  | 'public'
  | 'optional-member'
  | 'member'
  | 'operator'
  | { operator: Permission }
  | { partner: string; verify: (request: FastifyRequest) => Promise<unknown> }
  | 'callback';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every declared route under /api/v1, filled as routes register. */
    accessTable: AccessEntry[];
  }
}

const KINDS = new Set(['public', 'optional-member', 'member', 'operator', 'callback']);

export function isAccess(value: unknown): value is Access {
  if (typeof value === 'string') return KINDS.has(value);
  if (!value || typeof value !== 'object') return false;
  if ('operator' in value) return typeof value.operator === 'string';
  return 'partner' in value && typeof value.partner === 'string' && 'verify' in value && typeof value.verify === 'function';
}

/** Where access is required: the API proper. `/api/health`, `/api/openapi.json`, the apps and `/sandbox` are outside it. */
const GUARDED_PREFIX = '/api/v1';

/** One declared route, as the startup check saw it (tests walk this table). */
export interface AccessEntry {
  method: string;
  url: string;
  access: Access;
}

const asArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/** OpenAPI `security` for a declaration: integrators see which credential each operation takes. */
function securityOf(access: Access): Record<string, string[]>[] | undefined {
  if (access === 'member') return [{ member: [] }];
  if (access === 'optional-member') return [{}, { member: [] }];
  if (access === 'operator' || (typeof access === 'object' && 'operator' in access)) return [{ operator: [] }];
  if (typeof access === 'object' && 'partner' in access) return [{ [access.partner]: [] }];
  return undefined;
}

function describe(access: Access, description: unknown): string | undefined {
  if (typeof access !== 'object' || !('operator' in access)) return typeof description === 'string' ? description : undefined;
  const line = `Requires the operator permission \`${access.operator}\`.`;
  return typeof description === 'string' && description ? `${description}\n\n${line}` : line;
}

/**
 * Installs the declaration rule: an `onRoute` check that fails registration (and so startup) for a
 * route under `/api/v1` without a valid declaration, and per-route hooks that authenticate in
 * `onRequest` (after the global CSRF hook and the rate limiter, before parsing) and verify partner
 * signatures in `preValidation`. Must be installed before any route is registered.
 */
export function installAccessControl(app: FastifyInstance, auth: Auth): AccessEntry[] {
  const table: AccessEntry[] = [];
  // Declared once so every request object has the same shape; set by the hooks below.
  app.decorateRequest('memberPrincipal', null);
  app.decorateRequest('operatorPrincipal', null);
  app.decorateRequest('partnerPrincipal', null);
  const member: onRequestHookHandler = (request, _reply, done) => settle(auth.member(request), done);
  const optionalMember: onRequestHookHandler = (request, _reply, done) =>
    auth.memberToken(request) ? settle(auth.member(request), done) : done();
  const anyOperator: onRequestHookHandler = (request, _reply, done) => settle(auth.operator(request), done);

  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (!route.url.startsWith(GUARDED_PREFIX)) return;
    if (!isAccess(access)) {
      if (access === undefined) return; // until every route declares one
      throw new Error(
        `${String(route.method)} ${route.url} declares no access: add config: { access: 'public' | 'optional-member' | 'member' | 'operator' | { operator: permission } | { partner, verify } | 'callback' } to its options (ARCHITECTURE.md, invariant 2)`,
      );
    }
    for (const method of asArray(route.method)) table.push({ method, url: route.url, access });

    let onRequest: onRequestHookHandler | undefined;
    let preValidation: preValidationHookHandler | undefined;
    if (access === 'member') onRequest = member;
    else if (access === 'optional-member') onRequest = optionalMember;
    else if (access === 'operator') onRequest = anyOperator;
    else if (typeof access === 'object' && 'operator' in access) {
      const permission = access.operator;
      onRequest = (request, _reply, done) => settle(auth.operator(request, permission), done);
    } else if (typeof access === 'object' && 'partner' in access) {
      const { verify } = access;
      preValidation = (request, _reply, done) =>
        settle(
          verify(request).then((partner) => auth.rememberPartner(request, partner)),
          done,
        );
    }
    // Appended: route-level hooks run after the global ones (CSRF) and after the rate limiter's.
    if (onRequest) route.onRequest = [...asArray(route.onRequest), onRequest];
    if (preValidation) route.preValidation = [...asArray(route.preValidation), preValidation];

    const security = securityOf(access);
    if (route.schema && security) {
      route.schema = { ...route.schema, security, description: describe(access, route.schema.description) } as typeof route.schema;
    }
  });
  return table;
}

/** Callback-style hooks: no promise allocated per request beyond the lookup's own. */
function settle(work: Promise<unknown>, done: (err?: Error) => void): void {
  work.then(() => done(), done);
}
