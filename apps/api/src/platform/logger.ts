import pino, { type Logger } from 'pino';

/**
 * Structured logs. Personal data must never reach them: request serializers drop bodies and query
 * strings, and these paths are redacted wherever else they might appear.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'quanzi' },
    redact: {
      paths: [
        '*.password',
        '*.phone',
        '*.idNumber',
        '*.cardNumber',
        '*.reservedPhone',
        '*.code',
        '*.token',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
