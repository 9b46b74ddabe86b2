import path from 'node:path';

export type Role = 'all' | 'http' | 'worker';

export interface Config {
  role: Role;
  host: string;
  port: number;
  /** External PostgreSQL; when absent Quanzi starts an embedded one in `dataDir`. */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  /** Master secret for personal-data encryption; generated into dataDir for the embedded default. */
  secret: string | undefined;
  /** Older secrets still accepted for decryption while data is re-encrypted (key rotation). */
  previousSecrets: string[];
  /** Where members and the payment gateway reach this server (pay-page returns, gateway callbacks). */
  publicOrigin: string;
  /** Origins allowed to send cookie-authenticated writes and CORS requests. */
  allowedOrigins: string[];
  bodyLimitBytes: number;
  /** Requests per minute per IP across the API. */
  globalRateLimit: number;
  logLevel: string;
  demo: boolean;
  /** Directory of the built member and console apps; absent in API-only tests. */
  webRoot: string | undefined;
  /** Cookies get `Secure` when served over HTTPS. */
  secureCookies: boolean;
  /** Notification channels (the touch layer); every provider defaults to its sandbox. */
  touch: TouchConfig;
  /** Real Alipay (or another Alipay-compatible gateway) when ALIPAY_APP_ID is set; the built-in sandbox otherwise. */
  alipay: AlipayConfig | undefined;
}

export interface AlipayConfig {
  appId: string;
  privateKey: string;
  /** Public-key mode; or certificate mode with the three certificate contents. */
  alipayPublicKey: string | undefined;
  appCertContent: string | undefined;
  alipayPublicCertContent: string | undefined;
  alipayRootCertContent: string | undefined;
  gatewayUrl: string;
  payMethod: 'wap' | 'page';
}

export interface TouchConfig {
  /** `smtp://user:pass@host:port` (or smtps://); absent: mail goes to the console's sandbox mail outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** `aliyun` needs the ALIYUN_SMS_* variables; `sandbox` records messages in the console's SMS outbox. */
  smsProvider: 'sandbox' | 'aliyun';
  aliyunSms: { accessKeyId: string; accessKeySecret: string; signName: string; templateCode: string; endpoint: string } | undefined;
  /** Shared secret Aliyun's inbound-SMS push must carry (`?token=`). */
  smsInboundToken: string | undefined;
  /** WeChat official account; without WECHAT_API_BASE the sandbox at /sandbox/wechat answers. */
  wechat: { appId: string; appSecret: string; apiBase: string | undefined };
  /** Web push contact (VAPID `sub`). */
  vapidSubject: string;
}

export class ConfigError extends Error {}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith('--role='));
  const role = arg ? arg.slice('--role='.length) : 'all';
  if (role !== 'all' && role !== 'http' && role !== 'worker') {
    throw new ConfigError(`--role must be all, http or worker, got "${role}"`);
  }
  return role;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const port = int('PORT', env.PORT, 3000);
  const host = env.HOST || '127.0.0.1';
  const databaseUrl = env.DATABASE_URL || undefined;
  const secret = env.QUANZI_SECRET || undefined;
  if (databaseUrl && !secret) {
    throw new ConfigError(
      'QUANZI_SECRET is required with DATABASE_URL: personal data is encrypted with keys derived from it. ' +
        'Generate one with `openssl rand -base64 48` and keep it safe.',
    );
  }
  if (secret && secret.length < 32) throw new ConfigError('QUANZI_SECRET must be at least 32 characters');
  const publicOrigin = env.PUBLIC_ORIGIN || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const allowedOrigins = [...new Set([publicOrigin, `http://localhost:${port}`, `http://127.0.0.1:${port}`, ...list(env.CORS_ORIGINS)])];
  return {
    role: parseRole(argv),
    host,
    port,
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    dataDir: path.resolve(env.QUANZI_DATA_DIR || 'data'),
    secret,
    previousSecrets: list(env.QUANZI_SECRET_PREVIOUS),
    publicOrigin,
    allowedOrigins,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', env.BODY_LIMIT_BYTES, 1024 * 1024),
    globalRateLimit: int('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600),
    logLevel: env.LOG_LEVEL || 'info',
    demo: argv.includes('--demo') || !databaseUrl,
    webRoot: env.QUANZI_WEB_ROOT || undefined,
    secureCookies: publicOrigin.startsWith('https://'),
    touch: loadTouchConfig(env),
    alipay: loadAlipayConfig(env),
  };
}

/** PEM contents may come with literal "\n" (one-line env files). */
const pem = (v: string | undefined) => (v ? v.replaceAll('\\n', '\n') : undefined);

function loadAlipayConfig(env: NodeJS.ProcessEnv): AlipayConfig | undefined {
  if (!env.ALIPAY_APP_ID) return undefined;
  if (!env.ALIPAY_PRIVATE_KEY) throw new ConfigError('ALIPAY_APP_ID needs ALIPAY_PRIVATE_KEY (the application private key, PKCS#8)');
  const certMode = Boolean(env.ALIPAY_APP_CERT);
  if (certMode && !(env.ALIPAY_PUBLIC_CERT && env.ALIPAY_ROOT_CERT)) {
    throw new ConfigError('certificate mode needs ALIPAY_APP_CERT, ALIPAY_PUBLIC_CERT and ALIPAY_ROOT_CERT');
  }
  if (!certMode && !env.ALIPAY_PUBLIC_KEY) throw new ConfigError('ALIPAY_APP_ID needs ALIPAY_PUBLIC_KEY (or the certificates)');
  if (env.ALIPAY_PAY_METHOD && !['wap', 'page'].includes(env.ALIPAY_PAY_METHOD))
    throw new ConfigError('ALIPAY_PAY_METHOD must be wap or page');
  return {
    appId: env.ALIPAY_APP_ID,
    privateKey: pem(env.ALIPAY_PRIVATE_KEY)!,
    alipayPublicKey: pem(env.ALIPAY_PUBLIC_KEY),
    appCertContent: pem(env.ALIPAY_APP_CERT),
    alipayPublicCertContent: pem(env.ALIPAY_PUBLIC_CERT),
    alipayRootCertContent: pem(env.ALIPAY_ROOT_CERT),
    gatewayUrl: env.ALIPAY_GATEWAY || 'https://openapi.alipay.com/gateway.do',
    payMethod: env.ALIPAY_PAY_METHOD === 'page' ? 'page' : 'wap',
  };
}

function loadTouchConfig(env: NodeJS.ProcessEnv): TouchConfig {
  const smsProvider = env.SMS_PROVIDER === 'aliyun' ? 'aliyun' : 'sandbox';
  if (env.SMS_PROVIDER && !['aliyun', 'sandbox'].includes(env.SMS_PROVIDER))
    throw new ConfigError(`SMS_PROVIDER must be aliyun or sandbox, got "${env.SMS_PROVIDER}"`);
  let aliyunSms: TouchConfig['aliyunSms'];
  if (smsProvider === 'aliyun') {
    const need = ['ALIYUN_ACCESS_KEY_ID', 'ALIYUN_ACCESS_KEY_SECRET', 'ALIYUN_SMS_SIGN_NAME', 'ALIYUN_SMS_TEMPLATE_CODE'];
    const missing = need.filter((n) => !env[n]);
    if (missing.length) throw new ConfigError(`SMS_PROVIDER=aliyun needs ${missing.join(', ')}`);
    aliyunSms = {
      accessKeyId: env.ALIYUN_ACCESS_KEY_ID!,
      accessKeySecret: env.ALIYUN_ACCESS_KEY_SECRET!,
      signName: env.ALIYUN_SMS_SIGN_NAME!,
      templateCode: env.ALIYUN_SMS_TEMPLATE_CODE!,
      endpoint: env.ALIYUN_SMS_ENDPOINT || 'https://dysmsapi.aliyuncs.com/',
    };
  }
  if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  return {
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || '圈子 Quanzi <no-reply@quanzi.local>',
    smsProvider,
    aliyunSms,
    smsInboundToken: env.SMS_INBOUND_TOKEN || undefined,
    wechat: {
      appId: env.WECHAT_APP_ID || 'wxsandbox0000000001',
      appSecret: env.WECHAT_APP_SECRET || 'sandbox-secret',
      apiBase: env.WECHAT_API_BASE || undefined,
    },
    vapidSubject: env.VAPID_SUBJECT || 'mailto:ops@quanzi.local',
  };
}
