/**
 * pino, JSON lines on stdout. Secrets never reach it: request bodies are not logged, and the
 * redaction list below is a second guard for fields that carry credentials.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

export const REDACTED_PATHS = [
  'password',
  '*.password',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

export function createLogger(level: Config['logLevel'], destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[masqué]' } }, destination);
}
