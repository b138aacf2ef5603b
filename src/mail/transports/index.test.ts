import { describe, expect, it } from 'vitest';
import { systemClock } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { tempDir } from '../../test-support/databases.js';
import { startSmtpSink } from '../../test-support/smtp-sink.js';
import { createConfiguredTransport } from './index.js';
import { listMailbox } from './mailbox-transport.js';

const message = { to: 'jean@example.fr', subject: 'eGEC : essai', text: 'Bonjour', html: '<p>Bonjour</p>' };

const configFor = (env: Record<string, string>) => {
  const result = loadConfig(env, tempDir());
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
};

describe('configured transport', () => {
  it('is the built-in mailbox when no SMTP server is configured', async () => {
    const config = configFor({});
    const { transport, kind } = createConfiguredTransport(config, systemClock);
    expect(kind).toBe('mailbox');
    expect(await transport.send(message)).toMatchObject({ ok: true });
    await transport.close();
    expect((await listMailbox(config.dataDir)).map((m) => m.subject)).toEqual(['eGEC : essai']);
  });

  it('is SMTP when EGEC_SMTP_URL is set', async () => {
    const sink = await startSmtpSink();
    try {
      const config = configFor({ EGEC_SMTP_URL: sink.url });
      const { transport, kind } = createConfiguredTransport(config, systemClock);
      expect(kind).toBe('smtp');
      expect(await transport.send(message)).toMatchObject({ ok: true, response: expect.stringMatching(/^250 /) });
      await transport.close();
      expect(sink.messages.map((m) => m.parsed.subject)).toEqual(['eGEC : essai']);
      expect(await listMailbox(config.dataDir)).toEqual([]);
    } finally {
      await sink.close();
    }
  });
});
