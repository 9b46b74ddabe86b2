import FingerprintJS from '@fingerprintjs/fingerprintjs';
import { api } from '../../shared/api';

/**
 * After sign-in the app reports the browser's fingerprint (FingerprintJS, MIT, computed on the
 * device; no third-party call, telemetry off). The server keeps only a keyed hash of it, for
 * risk control (accounts sharing one device). Best effort: a failure never blocks the member.
 */
export async function reportDeviceFingerprint(): Promise<void> {
  try {
    const agent = await FingerprintJS.load({ monitoring: false });
    const { visitorId, confidence } = await agent.get();
    await api('POST', '/me/device-fingerprint', { visitorId, confidence: Math.max(0, Math.min(1, confidence.score)) });
  } catch {
    // Fingerprinting is a risk signal, never a condition of using the app.
  }
}
