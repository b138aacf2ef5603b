import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { tempDir } from '../../test-support/databases.js';
import { ManualClock } from '../../test-support/manual-clock.js';
import { startSmtpSink } from '../../test-support/smtp-sink.js';
import { createConfiguredTransport } from './configured-transport.js';
import { listMailbox } from './mailbox-transport.js';

const message = { to: 'jean.dupont@example.fr', subject: 'Objet', text: 'texte', html: '<p>texte</p>' };

function config(env: Record<string, string>) {
  const loaded = loadConfig({ EGEC_DATA_DIR: tempDir(), ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.config;
}

describe('the configured transport', () => {
  it('is the embedded mailbox without EGEC_SMTP_URL', async () => {
    const cfg = config({});
    const transport = createConfiguredTransport(cfg, new ManualClock());
    expect(await transport.send(message)).toMatchObject({ ok: true, response: expect.stringMatching(/^mailbox: /) });
    expect((await listMailbox(cfg.dataDir)).map((m) => m.subject)).toEqual(['Objet']);
    await transport.close();
  });

  it('is the SMTP server of EGEC_SMTP_URL, with EGEC_MAIL_FROM as sender', async () => {
    const sink = await startSmtpSink();
    try {
      const cfg = config({ EGEC_SMTP_URL: sink.url, EGEC_MAIL_FROM: 'Cabinet Exemple <ne-pas-repondre@egec.pro>' });
      const transport = createConfiguredTransport(cfg, new ManualClock());
      expect(await transport.send(message)).toMatchObject({ ok: true, response: expect.stringMatching(/^250 /) });
      await transport.close();
      const [mail] = await sink.waitForMessages(1);
      expect(mail?.parsed.from?.text).toBe('"Cabinet Exemple" <ne-pas-repondre@egec.pro>');
      expect(await listMailbox(cfg.dataDir)).toEqual([]);
    } finally {
      await sink.close();
    }
  });

  it('opens at most EGEC_SMTP_CONNECTIONS connections, 2 by default', async () => {
    for (const [env, expected] of [[{}, 2], [{ EGEC_SMTP_CONNECTIONS: '3' }, 3]] as const) {
      const sink = await startSmtpSink();
      try {
        sink.answerAfter(150);
        const transport = createConfiguredTransport(config({ EGEC_SMTP_URL: sink.url, ...env }), new ManualClock());
        await Promise.all(Array.from({ length: 6 }, (_, i) => transport.send({ ...message, to: `c${i}@example.fr` })));
        await transport.close();
        expect(sink.peakSessions).toBe(expected);
      } finally {
        await sink.close();
      }
    }
  });
});
