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
  };
}
