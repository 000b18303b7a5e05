// The process logger. Credentials are redacted by path; payloads are never logged at all (buyers' personal data).
import pino from 'pino';
import type { Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'postback' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-hotmart-hottok"]', 'headers.authorization', 'headers["x-hotmart-hottok"]', 'secret', 'hottok', 'client_secret'],
      censor: '[redacted]',
    },
  });
}
