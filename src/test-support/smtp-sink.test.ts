import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

describe('SMTP sink', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  const send = (subject: string) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: sink.port, secure: false })
      .sendMail({ from: 'a@example.fr', to: 'b@example.fr', subject, text: 'x' })
      .then(
        (info) => info.response,
        (error: { responseCode?: number }) => error.responseCode,
      );

  it('fails exactly the next N messages with the given reply, then accepts', async () => {
    sink.failNext(451, 'try later', 2);
    expect([await send('1'), await send('2'), await send('3')]).toEqual([451, 451, '250 Ok: queued as sink-1']);
    expect(sink.rejected.map((r) => r.code)).toEqual([451, 451]);
    expect(sink.messages.map((m) => m.parsed.subject)).toEqual(['3']);
  });

  it('fails every message until told to accept', async () => {
    sink.failNext(550, 'no');
    expect([await send('1'), await send('2')]).toEqual([550, 550]);
    sink.acceptAll();
    expect(await send('3')).toMatch(/^250 /);
  });

  it('waits for messages and times out with a clear error', async () => {
    const waiting = sink.waitForMessages(1, 2_000);
    await send('1');
    expect((await waiting).map((m) => m.parsed.subject)).toEqual(['1']);
    await expect(sink.waitForMessages(2, 50)).rejects.toThrow(/1 message\(s\) received, 2 expected/);
  });
});
