/** Reads identifiants and passwords back out of a credentials mail's text part, as a client would. */
import { fr } from '../texts/fr.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function mailedCredentials(text: string): Map<string, string> {
  const pattern = new RegExp(`${escape(fr.mail.identifiantIs)}\\s*(\\d{10})[\\s\\S]*?${escape(fr.mail.passwordIs)}\\s*(\\S+)`, 'g');
  return new Map([...text.matchAll(pattern)].map((m) => [m[1]!, m[2]!] as const));
}
