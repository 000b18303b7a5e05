// The process logger. Credentials are redacted by path; payloads are never logged at all (buyers' personal data).
import { hostname } from 'node:os';
import pino from 'pino';
import type { Logger } from 'pino';

/**
 * Every line carries which process wrote it: pid and hostname (a `base` of our own replaces pino's, which held them),
 * and `processRole` (serve's --role, or `members`) when given, since api and worker processes often share a host.
 * Not `role`: child loggers already use that for the part of the process (dispatcher, retention, notifier).
 */
export function createLogger(level: string, processRole?: string): Logger {
  return pino({
    level,
    base: { service: 'postback', pid: process.pid, hostname: hostname(), ...(processRole === undefined ? {} : { processRole }) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-hotmart-hottok"]', 'headers.authorization', 'headers["x-hotmart-hottok"]', 'secret', 'hottok', 'client_secret'],
      censor: '[redacted]',
    },
  });
}
