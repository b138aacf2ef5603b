/**
 * Validation of what a client file holds, shared by the CLI, the CSV import and the back-office.
 * Reasons are French (the firm's staff read them); each is one short sentence.
 */
import type { Civility } from '../storage/schema.js';
import { isIdentifiant } from './identifiant.js';

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;

export type FieldResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseIdentifiant(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (isIdentifiant(value)) return { ok: true, value };
  if (/^\d{1,9}$/.test(value)) {
    return { ok: false, reason: `identifiant « ${value} » : 10 chiffres attendus (zéros de tête perdus par un tableur ?)` };
  }
  return { ok: false, reason: `identifiant « ${shorten(value)} » : exactement 10 chiffres attendus` };
}

const CIVILITIES: Record<string, Civility | null> = {
  '': null,
  'm.': 'M.',
  m: 'M.',
  monsieur: 'M.',
  mr: 'M.',
  'mr.': 'M.',
  mme: 'Mme',
  'mme.': 'Mme',
  madame: 'Mme',
  mrs: 'Mme',
  'mrs.': 'Mme',
  ms: 'Mme',
  'ms.': 'Mme',
};

/** « M. », « Mme », or nothing (a company). Common spellings are accepted and stored canonically. */
export function parseCivility(raw: string | undefined | null): FieldResult<Civility | null> {
  const key = (raw ?? '').trim().toLowerCase();
  if (key in CIVILITIES) return { ok: true, value: CIVILITIES[key] ?? null };
  return { ok: false, reason: `civilité « ${shorten(raw ?? '')} » : M., Mme ou vide attendu` };
}

export function parseName(raw: string): FieldResult<string> {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, reason: 'nom vide' };
  if (value.length > NAME_MAX) return { ok: false, reason: `nom trop long (plus de ${NAME_MAX} caractères)` };
  if (CONTROL.test(raw.trim())) return { ok: false, reason: 'nom : caractères de contrôle interdits' };
  return { ok: true, value };
}

/**
 * One address, kept as entered (trimmed). Deliberately permissive beyond the shape
 * `local@domain.tld`: the firm's records are the authority, the mail server the final judge.
 */
export function parseEmail(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return { ok: false, reason: 'courriel vide' };
  if (value.length > EMAIL_MAX) return { ok: false, reason: `courriel trop long (plus de ${EMAIL_MAX} caractères)` };
  if (CONTROL.test(value) || /[\s,;<>"]/.test(value) || !/^[^@]+@[^@.]+(\.[^@.]+)+$/.test(value)) {
    return { ok: false, reason: `courriel « ${shorten(value)} » invalide` };
  }
  return { ok: true, value };
}

/** The form activation matches on: trimmed, lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function shorten(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 37)}…` : clean;
}
