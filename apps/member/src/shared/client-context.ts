/**
 * What registration records about where a member came from: a device id kept on this browser and
 * the channel / UTM parameters of the landing URL (kept for the session, so they survive navigation).
 */
export function deviceId(): string {
  let id = localStorage.getItem('qz_device');
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem('qz_device', id);
  }
  return id;
}

const KEYS = { channel: 'channel', utmSource: 'utm_source', utmMedium: 'utm_medium', utmCampaign: 'utm_campaign' } as const;

export function captureLandingParams(): void {
  const params = new URLSearchParams(window.location.search);
  for (const [, param] of Object.entries(KEYS)) {
    const value = params.get(param);
    if (value) sessionStorage.setItem(`qz_${param}`, value.slice(0, 64));
  }
  referralCode();
}

/** An invite link's `?ref=` code (邀请码), kept for the session and sent with the registration. */
export function referralCode(): string | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get('ref');
  if (fromUrl && /^[A-Za-z2-9]{8}$/.test(fromUrl)) sessionStorage.setItem('qz_ref', fromUrl.toUpperCase());
  return sessionStorage.getItem('qz_ref') ?? undefined;
}

export function landingParams(): Partial<Record<keyof typeof KEYS | 'referralCode', string>> {
  const out: Partial<Record<keyof typeof KEYS | 'referralCode', string>> = {};
  const ref = referralCode();
  if (ref) out.referralCode = ref;
  for (const [key, param] of Object.entries(KEYS) as Array<[keyof typeof KEYS, string]>) {
    const value = sessionStorage.getItem(`qz_${param}`);
    if (value) out[key] = value;
  }
  return out;
}
