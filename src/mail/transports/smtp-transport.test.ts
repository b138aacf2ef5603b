import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/databases.js';
import { verifyDkim } from '../../test-support/dkim-verify.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.js';
import type { MailMessage, MailTransport } from '../mail-message.js';
import { classifySmtpFailure, createSmtpTransport, type SmtpTransportOptions } from './smtp-transport.js';

const message: MailMessage = {
  to: 'jean.dupont@example.fr',
  subject: 'Vos accès eGEC — Courriel n°3 du 26/11/2026 à 10:32',
  text: 'M. Dupont, bonjour,\nVotre mot-de-passe est: fG69a*6jH\n',
  html: '<!doctype html><html><body><p>M. Dupont, bonjour,</p><p>Votre mot-de-passe est: <code>fG69a*6jH</code></p></body></html>',
};

describe('SMTP transport', () => {
  let sink: SmtpSink;
  const transports: MailTransport[] = [];
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 9, 32));

  const transport = (overrides: Partial<SmtpTransportOptions> = {}): MailTransport => {
    const created = createSmtpTransport({
      url: new URL(sink.url),
      from: 'Cabinet Exemple <ne-pas-repondre@egec.pro>',
      dkim: undefined,
      clock,
      timeouts: { connectionMs: 1_000, greetingMs: 1_000, socketMs: 2_000 },
      connections: 2,
      ...overrides,
    });
    transports.push(created);
    return created;
  };

  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    await sink.close();
  });

  it('delivers a mail a mail client reads as sent: both parts, UTF-8 subject, display name, headers', async () => {
    const result = await transport().send(message);

    expect(result).toMatchObject({ ok: true, response: expect.stringMatching(/^250 .*queued as sink-1/) });
    const [mail] = await sink.waitForMessages(1);
    expect(mail?.envelope).toEqual({ from: 'ne-pas-repondre@egec.pro', to: ['jean.dupont@example.fr'] });
    const parsed = mail!.parsed;
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.from?.value).toEqual([{ name: 'Cabinet Exemple', address: 'ne-pas-repondre@egec.pro' }]);
    expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@egec\.pro>$/);
    expect(result.ok && result.messageId).toBe(parsed.messageId);
    expect(parsed.date?.getTime()).toBe(clock.now());
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  it('keeps as many SMTP sessions open at once as the mails it is given at once, up to `connections`', async () => {
    const slow = await startSmtpSink();
    try {
      slow.answerAfter(200);
      const pooled = transport({ url: new URL(slow.url), connections: 3 });
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => pooled.send({ ...message, to: `s${i}@example.fr` })));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(slow.messages).toHaveLength(6);
      expect(slow.peakSessions).toBe(3);
    } finally {
      await slow.close();
    }
  });

  it('logs in with the user and password of the URL', async () => {
    const url = new URL(sink.url);
    url.username = 'egec';
    url.password = 'p@ss word';
    await transport({ url }).send(message);
    const [mail] = await sink.waitForMessages(1);
    expect(mail?.user).toBe('egec');
  });

  it('reports a 4xx reply as temporary, with the reply and without the content', async () => {
    sink.failNext(451, 'Requested action aborted: local error', 1);
    const result = await transport().send(message);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toMatch(/451 Requested action aborted: local error/);
    expect(JSON.stringify(result)).not.toContain('fG69a*6jH');
    // The next one goes through: the failure was for one message only.
    expect(await transport().send(message)).toMatchObject({ ok: true });
  });

  it('reports a 5xx reply as permanent', async () => {
    sink.failNext(550, 'Mailbox unavailable');
    const result = await transport().send(message);
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(!result.ok && result.error).toMatch(/550 Mailbox unavailable/);
    expect(sink.messages).toHaveLength(0);
    expect(sink.rejected).toHaveLength(1);
  });

  it('reports a server that is not listening as temporary', async () => {
    const url = new URL(sink.url);
    await sink.close();
    sink = await startSmtpSink(); // afterEach closes this one
    const result = await transport({ url }).send(message);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expect(!result.ok && result.error).toMatch(/ECONNREFUSED/);
  });

  it('gives up on a server that accepts the connection but never greets, as temporary', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const result = await transport({ url: new URL(`smtp://127.0.0.1:${port}`), timeouts: { greetingMs: 200 } }).send(message);
      expect(result).toMatchObject({ ok: false, permanent: false });
      expect(!result.ok && result.error).toMatch(/ETIMEDOUT/);
    } finally {
      silent.close();
    }
  });

  it('survives an outage: the pool reconnects when the server comes back on the same port', async () => {
    const sending = transport();
    expect(await sending.send(message)).toMatchObject({ ok: true });
    const port = sink.port;
    await sink.close();
    expect(await sending.send(message)).toMatchObject({ ok: false, permanent: false });
    sink = await startSmtpSink({ port });
    expect(await sending.send(message)).toMatchObject({ ok: true });
    expect(sink.messages).toHaveLength(1);
  });

  it('sends to exactly one address: a list or an injected header is refused for good, nothing sent', async () => {
    const sending = transport();
    for (const to of ['a@example.fr, b@example.fr', 'a@example.fr\r\nBcc: b@example.fr', 'Nom <a@example.fr>', 'pas-une-adresse', '']) {
      expect(await sending.send({ ...message, to })).toEqual({
        ok: false,
        permanent: true,
        error: 'EENVELOPE: destinataire invalide (une seule adresse attendue)',
      });
    }
    expect(sink.messages).toHaveLength(0);
  });

  it('classifies a refused login as temporary (configuration to fix), a 5xx at RCPT as permanent, a 4xx at RCPT as temporary', () => {
    expect(classifySmtpFailure({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed' })).toEqual({
      permanent: false,
      error: 'EAUTH: 535 5.7.8 Authentication failed',
    });
    expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown' }).permanent).toBe(true);
    expect(classifySmtpFailure({ code: 'EENVELOPE', responseCode: 450, response: '450 4.2.0 Greylisted' }).permanent).toBe(false);
    expect(classifySmtpFailure({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.example.invalid' }).permanent).toBe(false);
    expect(classifySmtpFailure({ code: 'ETLS', message: 'certificate has expired' }).permanent).toBe(false);
  });

  it('signs with DKIM when configured', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = path.join(tempDir(), 'dkim.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });

    await transport({ dkim: { domain: 'egec.pro', selector: 'mail2026', keyFile } }).send(message);

    const [mail] = await sink.waitForMessages(1);
    const signature = mail!.parsed.headers.get('dkim-signature');
    expect(typeof signature === 'object' && signature !== null && 'params' in signature ? signature.params : {}).toMatchObject({
      d: 'egec.pro',
      s: 'mail2026',
      a: 'rsa-sha256',
    });
    expect(verifyDkim(mail!.raw, publicKey)).toEqual({ valid: true, reason: 'ok' });
    // The check is real: a changed byte in the body, or another key, does not verify.
    const tampered = Buffer.from(mail!.raw.toString('latin1').replace('fG69a*6jH', 'fG69a*6jX'), 'latin1');
    expect(verifyDkim(tampered, publicKey)).toEqual({ valid: false, reason: 'body hash mismatch' });
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(verifyDkim(mail!.raw, otherKey)).toEqual({ valid: false, reason: 'signature mismatch' });
  });

  it('does not sign without DKIM configuration', async () => {
    await transport().send(message);
    const [mail] = await sink.waitForMessages(1);
    expect(mail!.parsed.headers.has('dkim-signature')).toBe(false);
  });
});
