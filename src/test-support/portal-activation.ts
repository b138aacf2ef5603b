/** ENVOYER through the portal's pages, and the credentials read back from the mail the SMTP sink received. */
import { expect } from 'vitest';
import { mailedCredentials } from './mailed-credentials.js';
import type { TestPortal } from './test-portal.js';
import { WebClient } from './web-client.js';

export async function activateByMail(portal: TestPortal, email: string): Promise<Map<string, string>> {
  const before = portal.sink!.messages.length;
  const browser = new WebClient(portal.app);
  await browser.get('/activation');
  expect((await browser.post('/activation', { email })).statusCode).toBe(303);
  const [mail] = (await portal.sink!.waitForMessages(before + 1)).slice(before);
  return mailedCredentials(mail!.parsed.text ?? '');
}
