/**
 * The one migration set, for SQLite and PostgreSQL alike. Names sort in the order they run;
 * a migration never changes once it has shipped: add a new one instead.
 */
import type { Migration } from 'kysely';
import * as clients from './0001-clients.js';
import * as credentialsOutboxSessions from './0002-credentials-outbox-sessions.js';
import * as security from './0003-security.js';
import * as staff from './0004-staff.js';

export const migrations: Record<string, Migration> = {
  '0001-clients': clients,
  '0002-credentials-outbox-sessions': credentialsOutboxSessions,
  '0003-security': security,
  '0004-staff': staff,
};
