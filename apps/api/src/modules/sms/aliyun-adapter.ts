import crypto from 'node:crypto';

/**
 * Aliyun SMS (短信服务, dysmsapi 2017-05-25) over its RPC API: `SendSms` signed with
 * HMAC-SHA1 over the canonical query (the POP signature, version 1.0), and the inbound-SMS
 * (上行短信) HTTP push parsed into phone + content. No SDK: the signature is the whole protocol, and
 * the test checks it against the example in Aliyun's documentation.
 */
export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  endpoint: string;
}

export interface TextMessage {
  phone: string;
  /** What the member reads (the sandbox records it; Aliyun renders its approved template instead). */
  text: string;
  /** Aliyun template and its parameters; the adapter's default template with `{ content }` otherwise. */
  templateCode?: string | null | undefined;
  templateParam?: Record<string, string> | undefined;
  /** Our delivery id, passed as OutId so receipts and retries can be matched. */
  outId: string;
}

export interface TextOutcome {
  providerId: string;
}

/** A provider refusal: `transient` ones are retried with backoff, the others fail the delivery. */
export class SmsProviderError extends Error {
  constructor(
    readonly code: string,
    readonly transient: boolean,
    message = code,
  ) {
    super(message);
  }
}

/** Where notification texts leave the platform: the sandbox outbox or Aliyun. */
export interface SmsTextProvider {
  readonly name: string;
  sendText(message: TextMessage): Promise<TextOutcome>;
}

/** RFC 3986 percent-encoding as Aliyun's POP signature wants it (space → %20, * → %2A, ~ kept). */
export const popEncode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The canonical query: parameters sorted by name, each name and value encoded. */
export const canonicalQuery = (params: Record<string, string>): string =>
  Object.keys(params)
    .sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k]!)}`)
    .join('&');

/** Signature = Base64(HMAC-SHA1(secret + "&", METHOD & %2F & encode(canonical query))). */
export function signRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  const stringToSign = `${method}&${popEncode('/')}&${popEncode(canonicalQuery(params))}`;
  return crypto.createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

// Codes Aliyun documents as worth retrying later (flow control, throttling, its own faults).
const TRANSIENT = new Set([
  'isv.BUSINESS_LIMIT_CONTROL',
  'Throttling',
  'Throttling.User',
  'isp.SYSTEM_ERROR',
  'ServiceUnavailable',
  'InternalError',
]);

export interface AliyunDeps {
  fetch?: typeof fetch;
  now?: () => Date;
  nonce?: () => string;
}

/** The SendSms request Aliyun expects, signed. Exposed for the test against the documented example. */
export function sendSmsParams(config: AliyunSmsConfig, message: TextMessage, timestamp: Date, nonce: string): Record<string, string> {
  const params: Record<string, string> = {
    AccessKeyId: config.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    OutId: message.outId,
    PhoneNumbers: message.phone,
    RegionId: 'cn-hangzhou',
    SignName: config.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: message.templateCode ?? config.templateCode,
    TemplateParam: JSON.stringify(message.templateParam ?? { content: message.text }),
    Timestamp: timestamp.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
  };
  return { ...params, Signature: signRpc('POST', params, config.accessKeySecret) };
}

export function createAliyunSmsProvider(config: AliyunSmsConfig, deps: AliyunDeps = {}): SmsTextProvider {
  const doFetch = deps.fetch ?? fetch;
  return {
    name: 'aliyun',
    async sendText(message) {
      const params = sendSmsParams(config, message, deps.now?.() ?? new Date(), deps.nonce?.() ?? crypto.randomUUID());
      let res: Response;
      try {
        res = await doFetch(config.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: Object.entries(params)
            .map(([k, v]) => `${popEncode(k)}=${popEncode(v)}`)
            .join('&'),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        throw new SmsProviderError('NETWORK', true, (err as Error).message);
      }
      const body = (await res.json().catch(() => ({}))) as { Code?: string; Message?: string; BizId?: string };
      if (res.status >= 500) throw new SmsProviderError(body.Code ?? `HTTP_${res.status}`, true);
      if (body.Code !== 'OK') throw new SmsProviderError(body.Code ?? `HTTP_${res.status}`, TRANSIENT.has(body.Code ?? ''), body.Message);
      return { providerId: body.BizId ?? '' };
    },
  };
}

/**
 * Aliyun's inbound-SMS push (上行短信消息, HTTP batch): a JSON array of
 * `{ phone_number, content, send_time, dest_code, sequence_id, sign_name }`. Anything else is ignored.
 */
export function parseAliyunInbound(body: unknown): Array<{ phone: string; content: string }> {
  if (!Array.isArray(body)) return [];
  return body
    .filter((m): m is { phone_number: string; content: string } => typeof m?.phone_number === 'string' && typeof m?.content === 'string')
    .map((m) => ({ phone: m.phone_number.replace(/^\+?86/, ''), content: m.content }));
}
