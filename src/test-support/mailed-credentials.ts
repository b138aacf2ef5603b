/**
 * Credentials as a client gets them: `activateByMail` presses ENVOYER through the portal's pages
 * and waits for the mail the SMTP sink receives; `mailedCredentials` reads the identifiants and
 * passwords back out of a credentials mail's text part, as a client would, with the catalogue's
 * own words (so a change of wording cannot leave the tests reading stale text).
 */
import { expect } from 'vitest';
import { systemClock } from '../clock.js';
import { fr } from '../texts/fr.js';
import { outboxDrained } from './outbox-drained.js';
import type { TestPortal } from './test-portal.js';
import { WebClient } from './web-client.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function mailedCredentials(text: string): Map<string, string> {
  const pattern = new RegExp(`${escape(fr.mail.identifiantIs)}\\s*(\\d{10})[\\s\\S]*?${escape(fr.mail.passwordIs)}\\s*(\\S+)`, 'g');
  return new Map([...text.matchAll(pattern)].map((m) => [m[1]!, m[2]!] as const));
}

/** ENVOYER for `email` through the pages; the credentials of the mail it caused. */
export async function activateByMail(portal: TestPortal, email: string): Promise<Map<string, string>> {
  const before = portal.sink!.messages.length;
  const browser = new WebClient(portal.app);
  await browser.get('/activation');
  expect((await browser.post('/activation', { email })).statusCode).toBe(303);
  const [mail] = (await portal.sink!.waitForMessages(before + 1)).slice(before);
  await outboxDrained(portal.db, systemClock);
  return mailedCredentials(mail!.parsed.text ?? '');
}
