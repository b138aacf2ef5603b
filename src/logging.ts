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

/**
 * Makes a user-supplied string safe for a log line: CR, LF and every other control character
 * (C0, DEL, C1, Unicode line/paragraph separators) become visible `\uXXXX` escapes, so nobody can
 * forge an extra log entry or hide one with a terminal escape sequence.
 */
export function escapeLogText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
