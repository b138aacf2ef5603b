/**
 * Debian's SpamAssassin on a raw mail, local tests only (`-L`: no DNS blocklists, no network), for
 * deliverability tests. Runs with a throw-away HOME so it writes no preferences elsewhere.
 * SpamAssassin is required: `.ci/run` installs it; a missing binary fails the test, never skips it.
 */
import { execFile } from 'node:child_process';
import { tempDir } from './databases.js';

export interface SpamVerdict {
  readonly score: number;
  readonly rules: readonly string[];
  readonly report: string;
}

export function spamAssassin(raw: Buffer): Promise<SpamVerdict> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'spamassassin',
      ['-L', '-t'],
      { env: { PATH: process.env.PATH, HOME: tempDir('egec-spamassassin-') }, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error('spamassassin introuvable : installez le paquet Debian « spamassassin » (voir .ci/run)'));
          return;
        }
        const status = /^X-Spam-Status: (?:Yes|No), score=(-?\d+(?:\.\d+)?) required=\S+ tests=([\s\S]*?)(?: autolearn=| version=)/m.exec(stdout);
        if (status === null) {
          reject(new Error(`spamassassin: verdict illisible\n${stdout.slice(0, 2_000)}`));
          return;
        }
        const rules = status[2]!.split(/[\s,]+/).filter((r) => r !== '' && r !== 'none');
        resolve({ score: Number(status[1]), rules, report: stdout.slice(stdout.indexOf('Content analysis details')) });
      },
    );
    child.stdin?.end(raw);
  });
}
