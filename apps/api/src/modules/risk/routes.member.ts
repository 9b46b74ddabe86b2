import { DeviceFingerprint, DeviceFingerprintAccepted, ErrorBody } from '@quanzi/contracts';
import type { HttpApp, RouteContext } from '../../platform/http/types.js';
import type { RiskModule } from './index.js';

const tags = ['member: risk'];

/** The member app reports its device fingerprint after sign-in; the server keeps only a keyed hash. */
export function riskMemberRoutes(app: HttpApp, { auth }: RouteContext, risk: RiskModule): void {
  app.post(
    '/me/device-fingerprint',
    {
      config: { access: 'member' },
      bodyLimit: 4096,
      schema: {
        tags,
        summary: 'Report the device fingerprint (hashed server-side, never stored raw)',
        body: DeviceFingerprint,
        response: { 202: DeviceFingerprintAccepted, 400: ErrorBody, 401: ErrorBody, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const { memberId } = await auth.member(request);
      await risk.observeDevice(memberId, { fingerprint: request.body.visitorId, ip: request.ip });
      reply.code(202);
      return { accepted: true as const };
    },
  );
}
