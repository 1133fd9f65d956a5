import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

/** Structured logs with keys and secrets redacted wherever they appear. */
export function createLogger(level: Config['logLevel'] | 'silent'): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', '*.writeKey', '*.secretKey', '*.token', 'writeKey', 'secretKey', 'token'], censor: '[redacted]' },
  });
}
