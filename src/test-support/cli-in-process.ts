/**
 * Runs one `egec` command in-process as main.ts does: registered on a fresh program with a test
 * context, its output lines captured, an error turned into one `egec: …` line and exit code 1.
 * Command tests then need no child process; the built binary has its own tests (egec-binary.ts).
 */
import { Command } from 'commander';
import { describeError, type CliContext } from '../cli/runtime.js';
import type { Clock } from '../clock.js';
import type { Env } from '../config.js';
import { ManualClock } from './manual-clock.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCommand(
  register: (program: Command, ctx: CliContext) => void,
  args: readonly string[],
  { env, clock = new ManualClock() }: { env: Env; clock?: Clock },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    env,
    clock,
    out: (line) => void (stdout += `${line}\n`),
    err: (line) => void (stderr += `${line}\n`),
    interactive: false,
  };
  const program = new Command('egec').exitOverride();
  register(program, ctx);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: 1, stdout, stderr: `${stderr}egec: ${describeError(error)}\n` };
  }
}
