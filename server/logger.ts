import pino from 'pino';

/** Structured JSON logs. Secrets are redacted wherever they could appear. */
export const logger = pino(
  {
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  redact: {
    paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'token', 'secret', 'password', 'databaseUrl'],
    censor: '[redacted]',
  },
  },
  // stderr, so that stdout carries only the command's output (tables or --json).
  pino.destination(2),
);

/** A connection string without its password, for logs and messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable url]';
  }
}
