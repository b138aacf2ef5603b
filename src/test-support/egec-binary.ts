/**
 * The real `egec` command as users run it: `node dist/cli/main.js`, in a child process with only
 * the environment a test gives it. `npm test` builds dist before Vitest starts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { freshDatabase, tempDir, type TestDatabase, type TestDialect } from './databases.js';

export const egecBinary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface EgecRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startEgec(args: readonly string[], env: Readonly<Record<string, string>>): ChildProcessWithoutNullStreams {
  if (!fs.existsSync(egecBinary)) throw new Error(`${egecBinary} is missing: run \`npm run build\` first (npm test does)`);
  return spawn(process.execPath, [egecBinary, ...args], { env: { ...env }, stdio: 'pipe' });
}

export function runEgec(args: readonly string[], env: Readonly<Record<string, string>>): Promise<EgecRun> {
  const child = startEgec(args, env);
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * For one describe block: a fresh, unmigrated database of `kind` and a data folder, an `egec`
 * runner pointed at them, and `file()` to write an input file into that folder.
 */
export function egecOnFreshDatabase(kind: TestDialect) {
  const dir = tempDir();
  const env: Record<string, string> = { EGEC_DATA_DIR: dir, EGEC_LOG_LEVEL: 'silent' };
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await freshDatabase(kind, { migrate: false });
    env.EGEC_DATABASE_URL = database.url;
  });
  afterAll(async () => {
    await database?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    egec: (...args: string[]) => runEgec(args, env),
    file(name: string, content: Uint8Array | string): string {
      const target = path.join(dir, name);
      fs.writeFileSync(target, content);
      return target;
    },
  };
}
