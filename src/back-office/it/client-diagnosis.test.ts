/** The diagnosis from a client's history, each case the Service IT asked for, rendered in French. */
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../audit/audit-query.js';
import { fr } from '../../texts/fr.js';
import { sentence } from '../views/diagnostic-page.js';
import { diagnose } from './client-diagnosis.js';
import type { ClientHistory, MailRecord } from './client-history.js';

const NOW = Date.UTC(2026, 10, 26, 9, 32); // 10:32 in Paris
const client = { identifiant: '1234567890', civility: 'M.', name: 'Dupont', email: 'd@example.fr', status: 'active', createdAt: 0, updatedAt: 0 } as const;
const mail = (over: Partial<MailRecord>): MailRecord => ({
  id: 7, kind: 'credentials', sequence: 2, status: 'sent', attempts: 1, createdAt: NOW - 60_000, updatedAt: NOW, nextAttemptAt: NOW,
  sentAt: NOW, smtpResponse: '250 OK', lastError: null, ...over,
});
const password = { mailId: 7, issuedAt: NOW - 60_000, firstUsedAt: null, retiredAt: null, retiredReason: null };
const event = (type: AuditRecord['type'], at: number, detail: Record<string, unknown> = {}): AuditRecord => ({
  id: at, at, type, identifiant: client.identifiant, staffId: null, subjectHash: null, ip: null, userAgent: null, detail,
});
const history = (over: Partial<ClientHistory>): ClientHistory => ({ client, lock: null, passwords: [password], mails: [mail({})], sessions: [], audit: [], ...over });
const say = (h: ClientHistory) => diagnose(h, NOW).map((f) => sentence(fr.backOffice, f, 'Europe/Paris'));

describe('the client diagnosis', () => {
  it('never activated', () => {
    expect(say(history({ passwords: [], mails: [] }))).toEqual(['Jamais activé : aucun mot de passe n’a été envoyé à ce client.']);
  });

  it('all fine: the mail went out and the client logged in', () => {
    expect(say(history({ audit: [event('login.succeeded', NOW + 120_000)] }))).toEqual([
      'Tout semble en ordre.',
      'Dernier courriel accepté par le serveur de messagerie le 26/11 à 10:32 ; dernière connexion le 26/11 à 10:34.',
    ]);
  });

  it('failures with a superseded password since the last mail (older ones do not count)', () => {
    const audit = [3, 2, 1].map((m) => event('login.failed', NOW + m * 60_000, { reason: 'superseded-password' }));
    expect(say(history({ audit: [...audit, event('login.failed', NOW - 1, { reason: 'superseded-password' })] }))).toEqual([
      'Dernier courriel accepté par le serveur de messagerie le 26/11 à 10:32 ; depuis, 3 essais avec le mot de passe d’un courriel précédent ; le client ne s’est pas encore connecté avec ce mot de passe.',
    ]);
  });

  it('last mail retrying, with its last error and next attempt; or failed', () => {
    const retrying = mail({ status: 'retrying', sentAt: null, attempts: 3, lastError: '421 busy', nextAttemptAt: NOW + 15 * 60_000 });
    expect(say(history({ mails: [retrying] }))[0]).toBe(
      'Dernier courriel pas encore parti : 3 essais, dernière erreur « 421 busy », prochain essai le 26/11 à 10:47 ; le client ne s’est pas encore connecté avec ce mot de passe.',
    );
    const failed = mail({ status: 'failed', sentAt: null, lastError: '550 unknown user' });
    expect(say(history({ mails: [failed] }))[0]).toContain('Dernier courriel en échec définitif le 26/11 à 10:32 : « 550 unknown user » ; envoyez un nouveau mot de passe');
  });

  it('locked until a time, locked until a new activation, file disabled; a lock that ran out is not reported', () => {
    expect(say(history({ lock: { failures: 10, lockedUntil: NOW + 60_000, updatedAt: NOW } }))[0]).toBe('Compte verrouillé jusqu’au 26/11 à 10:33 après des échecs de connexion.');
    expect(say(history({ lock: { failures: 100, lockedUntil: NOW - 1, updatedAt: NOW } }))[0]).toBe('Compte verrouillé jusqu’à une nouvelle activation (trop d’échecs de connexion).');
    expect(say(history({ lock: { failures: 10, lockedUntil: NOW - 1, updatedAt: NOW } }))[0]).toBe('Tout semble en ordre.');
    expect(say(history({ client: { ...client, status: 'disabled' } }))[0]).toBe('Dossier désactivé : le client ne peut ni se connecter ni recevoir de mot de passe.');
  });
});
