import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import type { MailMessage } from '../mail-message.js';
import { createMailboxTransport, listMailbox, mailboxDir, readMailboxMessage } from './mailbox-transport.js';

const message = (to: string, subject: string): MailMessage => ({
  to,
  subject,
  text: `Bonjour,\nVotre mot-de-passe est: fG69a*6jH\n`,
  html: `<!doctype html><html><body><p>Bonjour,</p><p><code>fG69a*6jH</code></p></body></html>`,
});

describe('embedded mailbox', () => {
  const from = 'Cabinet Exemple <ne-pas-repondre@egec.pro>';

  it('writes each mail as a real .eml file, owner-only, parsed back as a mail client would', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 32));
    const transport = createMailboxTransport({ dataDir, from, clock });

    const result = await transport.send(message('jean.dupont@example.fr', 'Vos accès eGEC — Courriel n°1'));

    expect(result).toMatchObject({ ok: true, response: expect.stringMatching(/^mailbox: 20261126T093200000Z-\d{6}-[0-9a-f]{8}$/) });
    const files = fs.readdirSync(mailboxDir(dataDir));
    expect(files).toHaveLength(1);
    const file = path.join(mailboxDir(dataDir), files[0]!);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const parsed = await simpleParser(fs.readFileSync(file));
    expect(parsed.subject).toBe('Vos accès eGEC — Courriel n°1');
    expect(parsed.text).toContain('fG69a*6jH');
    expect(parsed.html).toContain('<code>fG69a*6jH</code>');
    expect(parsed.messageId).toBe(result.ok ? result.messageId : '');
    expect(parsed.messageId).toMatch(/@egec\.pro>$/);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    await transport.close();
  });

  it('lists newest first, even several in the same millisecond, and reads one message', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 32));
    const transport = createMailboxTransport({ dataDir, from, clock });
    await transport.send(message('a@example.fr', 'premier'));
    await transport.send(message('b@example.fr', 'deuxième'));
    clock.advance(60_000);
    await transport.send(message('c@example.fr', 'troisième'));

    const list = await listMailbox(dataDir);
    expect(list.map((m) => [m.subject, m.to, m.date])).toEqual([
      ['troisième', 'c@example.fr', clock.now()],
      ['deuxième', 'b@example.fr', clock.now() - 60_000],
      ['premier', 'a@example.fr', clock.now() - 60_000],
    ]);
    expect((await listMailbox(dataDir, { limit: 1 })).map((m) => m.subject)).toEqual(['troisième']);

    const read = await readMailboxMessage(dataDir, list[0]!.id);
    expect(read).toMatchObject({
      subject: 'troisième',
      to: 'c@example.fr',
      from: '"Cabinet Exemple" <ne-pas-repondre@egec.pro>',
      text: expect.stringContaining('fG69a*6jH'),
      html: expect.stringContaining('<code>fG69a*6jH</code>'),
    });
  });

  it('refuses a recipient that is not one plain address, writing nothing', async () => {
    const dataDir = tempDir();
    const transport = createMailboxTransport({ dataDir, from, clock: new ManualClock() });
    expect(await transport.send(message('a@example.fr, b@example.fr', 'x'))).toMatchObject({ ok: false, permanent: true });
    expect(await listMailbox(dataDir)).toEqual([]);
  });

  it('is empty before the first mail', async () => {
    expect(await listMailbox(tempDir())).toEqual([]);
  });

  it('refuses ids that are not mailbox file names, path traversal included', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(mailboxDir(dataDir), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'secret.eml'), 'Subject: secret\r\n\r\nsecret\r\n');
    for (const id of ['../secret', '..%2Fsecret', '20261126T093200000Z-000001-0000000g', '/etc/passwd', '', 'x'.repeat(300)]) {
      expect(await readMailboxMessage(dataDir, id)).toBeNull();
    }
    expect(await readMailboxMessage(dataDir, '20261126T093200000Z-000001-00000000')).toBeNull();
  });

  it('reports a mailbox that cannot be written as a temporary failure, without the content', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(mailboxDir(dataDir), 'a file where the folder should be');
    const transport = createMailboxTransport({ dataDir, from, clock: new ManualClock() });
    const result = await transport.send(message('a@example.fr', 'x'));
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(JSON.stringify(result)).not.toContain('fG69a');
  });
});
