/**
 * The client form as submitted: each field checked with the shared rules of client-fields.ts, the
 * values kept for redisplay, and one French reason per refused field.
 */
import { parseCivility, parseEmail, parseIdentifiant, parseName, type FieldResult } from '../../clients/client-fields.js';
import type { ClientFields } from '../../clients/client-repository.js';
import { asSentence, formText } from '../form-body.js';
import type { ClientFormErrors, ClientFormValues } from '../views/client-form-page.js';

export type ParsedClientForm =
  | { ok: true; values: ClientFormValues; fields: ClientFields; identifiant: string | undefined }
  | { ok: false; values: ClientFormValues; errors: ClientFormErrors };

export function parseClientForm(body: unknown, withIdentifiant: boolean): ParsedClientForm {
  const values: ClientFormValues = {
    identifiant: withIdentifiant ? formText(body, 'identifiant').trim() : '',
    civility: formText(body, 'civility'),
    name: formText(body, 'name'),
    email: formText(body, 'email'),
  };
  const errors: ClientFormErrors = {};
  const take = <T>(key: keyof ClientFormValues, result: FieldResult<T>): T | undefined => {
    if (result.ok) return result.value;
    errors[key] = asSentence(result.reason);
    return undefined;
  };
  const identifiant = values.identifiant === '' ? undefined : take('identifiant', parseIdentifiant(values.identifiant));
  const civility = take('civility', parseCivility(values.civility));
  const name = take('name', parseName(values.name));
  const email = take('email', parseEmail(values.email));
  if (Object.keys(errors).length > 0 || civility === undefined || name === undefined || email === undefined) return { ok: false, values, errors };
  return { ok: true, values, fields: { civility, name, email }, identifiant };
}
