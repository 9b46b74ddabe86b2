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

export interface Auth {
  member(request: FastifyRequest): Promise<MemberPrincipal>;
  operator(request: FastifyRequest, permission?: Permission): Promise<OperatorPrincipal>;
  memberToken(request: FastifyRequest): string | undefined;
  operatorToken(request: FastifyRequest): string | undefined;
}

export function createAuth(resolvers: SessionResolvers): Auth {
  return {
    async member(request) {
      const token = tokenFrom(request, MEMBER_COOKIE);
      const principal = token ? await resolvers.member(token, requestMeta(request)) : null;
      if (!principal) throw new AppError('UNAUTHENTICATED');
      return principal;
    },
    async operator(request, permission) {
      const token = tokenFrom(request, OPERATOR_COOKIE);
      const principal = token ? await resolvers.operator(token, requestMeta(request)) : null;
      if (!principal) throw new AppError('UNAUTHENTICATED');
      if (permission && !principal.permissions.has(permission)) throw new AppError('FORBIDDEN');
      return principal;
    },
    memberToken: (request) => tokenFrom(request, MEMBER_COOKIE),
    operatorToken: (request) => tokenFrom(request, OPERATOR_COOKIE),
  };
}
