#!/usr/bin/env node
/** The `egec` command: every subcommand has --help, exits 0 on success and 1 with one line on error. */
import { Command } from 'commander';
import { auditCommand } from './commands/audit.js';
import { clientCommand } from './commands/client.js';
import { limitsCommand } from './commands/limits.js';
import { migrateCommand } from './commands/migrate.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { staffCommand } from './commands/staff.js';
import { defaultContext, describeError, type CliContext } from './runtime.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('egec')
    .description('eGEC : portail client du cabinet et activation des comptes')
    .showHelpAfterError()
    .configureOutput({ writeErr: (text) => ctx.err(text.trimEnd()) });
  serveCommand(program, ctx);
  workerCommand(program, ctx);
  migrateCommand(program, ctx);
  clientCommand(program, ctx);
  auditCommand(program, ctx);
  limitsCommand(program, ctx);
  staffCommand(program, ctx);
  return program;
}

const ctx = defaultContext();
try {
  await buildProgram(ctx).parseAsync(process.argv);
} catch (error) {
  ctx.err(`egec: ${describeError(error)}`);
  process.exitCode = 1;
}
