/**
 * The real `egec` command as users run it: `node dist/cli/main.js`, in a child process with only
 * the environment a test gives it. `npm test` builds dist before Vitest starts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

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
