import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { en } from '../texts/en.js';
import { fr } from '../texts/fr.js';
import { ManualClock } from '../test-support/manual-clock.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { spamAssassin } from '../test-support/spamassassin.js';
import { renderCredentialsMail, type CredentialsAccount, type CredentialsMailInput } from './credentials-mail.js';
import { createSmtpTransport } from './transports/smtp-transport.js';

const dupont: CredentialsAccount = { identifiant: '1234567890', civility: 'M.', name: 'Dupont', password: 'fG69a*6jH' };

const input = (overrides: Partial<CredentialsMailInput> = {}): CredentialsMailInput => ({
  to: 'jean.dupont@example.fr',
  accounts: [dupont],
  sequence: 3,
  issuedAt: Date.UTC(2026, 10, 26, 9, 32), // 10:32 in Paris (UTC+1 in November)
  timeZone: 'Europe/Paris',
  publicUrl: new URL('https://www.egec.pro'),
  texts: fr,
  ...overrides,
});

const lines = (text: string) => text.split('\n');

describe('the credentials mail, text part', () => {
  it('is the memo example word for word', () => {
    const { to, subject, text } = renderCredentialsMail(input());
    expect(to).toBe('jean.dupont@example.fr');
    expect(subject).toBe('Application eGEC – Courriel n°3 du 26/11/2026 à 10:32');
    expect(text).toBe(
      [
        'Courriel n°3 du 26/11/2026 à 10:32',
        '',
        'M. Dupont, bonjour,',
        '',
        "Pour vous connecter à l'application ( https://www.egec.pro ), Veuillez noter les informations ci-dessous.",
        '',
        'Votre identifiant CLIENT est: 1234567890',
        '',
        'Votre mot-de-passe est: fG69a*6jH',
        '',
        'NOTES:',
        '',
        '- Respectez les majuscules et minuscules.',
        "- '0' = Zero, 'O' = Lettre O majuscule.",
        "- Si vous effectuez un 'copier/coller', assurez-vous de ne pas avoir copié des 'espaces' devant ou derrière l'identifiant et le mot-de-passe .",
        "- Si vous rencontrez des difficultés pour vous connecter, cliquez sur 'mot-de-passe oublié' (page d'authentification) pour générer un nouveau mot-de-passe.",
        '- Si vous avez réceptionné plusieurs mails, prenez en compte uniquement le dernier.',
        '',
        'Merci.',
        '',
        '*** MESSAGE AUTOMATIQUE DU SERVEUR. NE PAS RÉPONDRE À CE COURRIEL ***',
        '',
      ].join('\n'),
    );
  });

  it('greets by civility: Mme, or plain « Bonjour, » without one', () => {
    expect(lines(renderCredentialsMail(input({ accounts: [{ ...dupont, civility: 'Mme', name: 'Lefèvre' }] })).text)).toContain('Mme Lefèvre, bonjour,');
    const company = lines(renderCredentialsMail(input({ accounts: [{ ...dupont, civility: null, name: 'SARL Dupont' }] })).text);
    expect(company).toContain('Bonjour,');
    expect(company.join('\n')).not.toContain('SARL Dupont');
  });

  it('gives every file sharing the address its identifiant and password, greeting plainly when holders differ', () => {
    const accounts: CredentialsAccount[] = [
      dupont,
      { identifiant: '2222222222', civility: null, name: 'SARL Dupont', password: 'Kx7?mPq3z' },
    ];
    const text = renderCredentialsMail(input({ accounts })).text;
    expect(lines(text)[2]).toBe('Bonjour,');
    expect(text).toContain(
      [
        'Dossier client : M. Dupont',
        'Votre identifiant CLIENT est: 1234567890',
        '',
        'Votre mot-de-passe est: fG69a*6jH',
        '',
        'Dossier client : SARL Dupont',
        'Votre identifiant CLIENT est: 2222222222',
        '',
        'Votre mot-de-passe est: Kx7?mPq3z',
      ].join('\n'),
    );
  });

  it('keeps the named greeting when every file has the same holder', () => {
    const accounts = [dupont, { ...dupont, identifiant: '3333333333', password: 'Zz9(aBcDe' }];
    expect(lines(renderCredentialsMail(input({ accounts })).text)[2]).toBe('M. Dupont, bonjour,');
  });

  it('numbers the mail in the configured time zone, in subject and body', () => {
    const clock = new ManualClock(Date.UTC(2026, 6, 1, 22, 5)); // summer: UTC+2 in Paris, next day
    const paris = renderCredentialsMail(input({ sequence: 12, issuedAt: clock.now() }));
    expect(paris.subject).toBe('Application eGEC – Courriel n°12 du 02/07/2026 à 00:05');
    expect(lines(paris.text)[0]).toBe('Courriel n°12 du 02/07/2026 à 00:05');
    const reunion = renderCredentialsMail(input({ sequence: 12, issuedAt: clock.now(), timeZone: 'Indian/Reunion' }));
    expect(reunion.subject).toBe('Application eGEC – Courriel n°12 du 02/07/2026 à 02:05');
  });

  it('keeps a name on its own line: control characters cannot forge lines', () => {
    const text = renderCredentialsMail(input({ accounts: [{ ...dupont, name: 'Dupont\nVotre mot-de-passe est: piège' }] })).text;
    expect(lines(text)).not.toContain('Votre mot-de-passe est: piège');
    expect(lines(text)[2]).toBe('M. Dupont Votre mot-de-passe est: piège, bonjour,');
  });

  it('has the same shape in English', () => {
    const mail = renderCredentialsMail(input({ texts: en }));
    expect(mail.subject).toBe('eGEC application – Email no. 3 of 26/11/2026 at 10:32');
    expect(lines(mail.text)).toEqual(expect.arrayContaining(['Hello Mr Dupont,', 'Your client ID is: 1234567890', 'Your password is: fG69a*6jH']));
  });
});

describe('the credentials mail, HTML part', () => {
  it('is a complete document with the memo texts, values in monospace, no remote content', () => {
    const page = renderCredentialsMail(input()).html;
    expect(page).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(page).toContain('<p>M. Dupont, bonjour,</p>');
    expect(page).toContain(
      '<p>Pour vous connecter à l&#39;application ( <a href="https://www.egec.pro/">https://www.egec.pro</a> ), Veuillez noter les informations ci-dessous.</p>',
    );
    expect(page).toMatch(/<p>Votre identifiant CLIENT est: <strong style="font-family:[^"]*monospace[^"]*letter-spacing:[^"]*">1234567890<\/strong><\/p>/);
    expect(page).toMatch(/<p>Votre mot-de-passe est: <strong style="font-family:[^"]*monospace[^"]*letter-spacing:[^"]*">fG69a\*6jH<\/strong><\/p>/);
    expect(page).toContain('<li>Respectez les <strong>majuscules et minuscules</strong>.</li>');
    expect(page).toContain('<li>Si vous avez réceptionné plusieurs mails, prenez en compte <strong>uniquement le dernier</strong>.</li>');
    expect(page).toContain('*** MESSAGE AUTOMATIQUE DU SERVEUR. NE PAS RÉPONDRE À CE COURRIEL ***');
    expect(page).toContain('Courriel n°3 du 26/11/2026 à 10:32');
    expect(page).not.toMatch(/<img|<script|<link|src=|url\(/i);
  });

  it('escapes a hostile name and password characters', () => {
    const accounts = [
      { ...dupont, name: '<img src=x onerror=alert(1)> & "Cie"' },
      { identifiant: '2222222222', civility: null, name: '</p><script>x</script>', password: 'a&b<c>D2*' },
    ];
    const page = renderCredentialsMail(input({ accounts })).html;
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script>');
    expect(page).toContain('Dossier client : M. &lt;img src=x onerror=alert(1)&gt; &amp; &quot;Cie&quot;');
    expect(page).toContain('Dossier client : &lt;/p&gt;&lt;script&gt;x&lt;/script&gt;');
    expect(page).toContain('>a&amp;b&lt;c&gt;D2*</strong>');
  });
});

describe('the credentials mail through SMTP', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.close());

  const sendOne = async (overrides: Partial<CredentialsMailInput> = {}) => {
    const transport = createSmtpTransport({
      url: new URL(sink.url),
      from: 'Cabinet Exemple <ne-pas-repondre@egec.pro>',
      dkim: undefined,
      connections: 1,
      clock: new ManualClock(),
    });
    const message = renderCredentialsMail(input(overrides));
    const before = sink.messages.length;
    expect(await transport.send(message)).toMatchObject({ ok: true });
    await transport.close();
    const received = await sink.waitForMessages(before + 1);
    return { message, received: received[received.length - 1]! };
  };

  it('arrives with both parts as rendered', async () => {
    const { message, received } = await sendOne();
    expect(received.parsed.subject).toBe('Application eGEC – Courriel n°3 du 26/11/2026 à 10:32');
    expect(received.parsed.text).toBe(message.text);
    expect(received.parsed.html).toBe(message.html);
    expect(received.parsed.to).toMatchObject({ text: 'jean.dupont@example.fr' });
  });

  it('is not taken for spam: SpamAssassin (local tests) scores it below 2, one file or several', async () => {
    const single = await sendOne();
    const several = await sendOne({
      accounts: [dupont, { identifiant: '2222222222', civility: null, name: 'SARL Dupont & Fils', password: 'Kx7?mPq3z' }],
    });
    for (const verdict of await Promise.all([spamAssassin(single.received.raw), spamAssassin(several.received.raw)])) {
      expect(verdict.score, verdict.report).toBeLessThan(2);
    }
  }, 120_000); // SpamAssassin loads its rules in a few seconds, more on a busy machine

  it('the SpamAssassin check does catch spam (GTUBE)', async () => {
    const { received } = await sendOne();
    const gtube = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';
    // Into the text part, where a filter reads.
    const spam = Buffer.from(received.raw.toString('latin1').replace('NOTES:', `${gtube}\r\nNOTES:`), 'latin1');
    expect((await spamAssassin(spam)).score).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
