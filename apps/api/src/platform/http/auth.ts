import type { OperatorRole, Permission } from '@quanzi/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { MEMBER_COOKIE, OPERATOR_COOKIE } from './csrf.js';

export interface MemberPrincipal {
  memberId: string;
  sessionId: string;
}

export interface OperatorPrincipal {
  operatorId: string;
  sessionId: string;
  username: string;
  displayName: string;
  roles: OperatorRole[];
  permissions: ReadonlySet<Permission>;
}

/** Who made a request, for the audit log and security events. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/** Session lookups are owned by the identity and operators modules; the platform only knows this seam. */
export interface SessionResolvers {
  member(token: string, meta: RequestMeta): Promise<MemberPrincipal | null>;
  operator(token: string, meta: RequestMeta): Promise<OperatorPrincipal | null>;
}

export const requestMeta = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 256) ?? null,
});

/** Bearer first (apps, partners), then the HttpOnly cookie (browsers). Never a query parameter. */
function tokenFrom(request: FastifyRequest, cookieName: string): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies[cookieName] || undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Resolved once per request by the route's access hook (access.ts); read through `auth`. */
    memberPrincipal: MemberPrincipal | null;
    operatorPrincipal: OperatorPrincipal | null;
    partnerPrincipal: unknown;
  }
}

/**
 * The principal of a request. Routes declare who may call them (`config.access`, access.ts) and the
 * access hook resolves the session before validation; these reads are then memoised lookups.
 */
export interface Auth {
  member(request: FastifyRequest): Promise<MemberPrincipal>;
  operator(request: FastifyRequest, permission?: Permission): Promise<OperatorPrincipal>;
  memberToken(request: FastifyRequest): string | undefined;
  operatorToken(request: FastifyRequest): string | undefined;
  /** What a `{ partner, verify }` declaration's verifier returned for this request. */
  partner<T>(request: FastifyRequest): T;
  rememberPartner(request: FastifyRequest, partner: unknown): void;
}

export function createAuth(resolvers: SessionResolvers): Auth {
  return {
    async member(request) {
      if (request.memberPrincipal) return request.memberPrincipal;
      const token = tokenFrom(request, MEMBER_COOKIE);
      const principal = token ? await resolvers.member(token, requestMeta(request)) : null;
      if (!principal) throw new AppError('UNAUTHENTICATED');
      request.memberPrincipal = principal;
      return principal;
    },
    async operator(request, permission) {
      let principal = request.operatorPrincipal;
      if (!principal) {
        const token = tokenFrom(request, OPERATOR_COOKIE);
        principal = token ? await resolvers.operator(token, requestMeta(request)) : null;
        if (!principal) throw new AppError('UNAUTHENTICATED');
        request.operatorPrincipal = principal;
      }
      if (permission && !principal.permissions.has(permission)) throw new AppError('FORBIDDEN');
      return principal;
    },
    partner: <T>(request: FastifyRequest) => {
      if (request.partnerPrincipal == null) throw new AppError('UNAUTHENTICATED');
      return request.partnerPrincipal as T;
    },
    rememberPartner(request, partner) {
      request.partnerPrincipal = partner;
    },
    memberToken: (request) => tokenFrom(request, MEMBER_COOKIE),
    operatorToken: (request) => tokenFrom(request, OPERATOR_COOKIE),
  };
}
