/**
 * `egec client import FICHIER`: the firm's CSV export applied by identifiant. Bad rows are listed
 * with their line number; unless --skip-invalid, one bad row means nothing is written (exit 1).
 */
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ACCEPTED_HEADERS } from '../../clients/client-csv.js';
import { importClients, type ImportReport } from '../../clients/client-import.js';
import { importReportLines, rejectedRowsLines } from '../../clients/import-report-text.js';
import { CliFailure, requireConfig, withDatabase, type CliContext } from '../runtime.js';

interface ImportFlags {
  dryRun?: boolean;
  skipInvalid?: boolean;
}

export function clientImportCommand(client: Command, ctx: CliContext): void {
  client
    .command('import')
    .description('importe un fichier CSV de dossiers clients : crée ou met à jour chaque dossier par identifiant')
    .argument('<fichier>', `CSV, en-têtes ${ACCEPTED_HEADERS} ; séparateur , ou ; ; UTF-8 ou Windows-1252`)
    .option('--dry-run', 'vérifie le fichier et compte les changements sans rien écrire')
    .option('--skip-invalid', "importe les lignes valides même si d'autres sont rejetées")
    .action(async (file: string, flags: ImportFlags) => {
      const config = requireConfig(ctx.env);
      const bytes = await readInput(file);
      const bar = ctx.interactive ? progressBar() : undefined;
      const outcome = await withDatabase(config, (db) =>
        importClients(db, ctx.clock, bytes, {
          dryRun: flags.dryRun === true,
          skipInvalid: flags.skipInvalid === true,
          onProgress: bar && ((done, total) => bar.update(done, total)),
        }),
      ).finally(() => bar?.stop());

      if (!outcome.ok && outcome.reason === 'unreadable') throw new CliFailure(`${file} : ${outcome.message}`);
      if (!outcome.ok) {
        const lines = rejectedRowsLines(outcome.rejected, outcome.valid, 'corrigez le fichier, ou --skip-invalid pour importer les lignes valides');
        for (const { text } of lines.slice(0, -1)) ctx.err(text);
        throw new CliFailure(lines.at(-1)!.text);
      }
      printReport(ctx, outcome.report);
    });
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliFailure(code === 'ENOENT' ? `fichier introuvable : ${file}` : `lecture de ${file} impossible (${code ?? 'erreur'})`);
  }
}

/** Started on the first progress report, when the number of rows to write is known. */
function progressBar() {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'import [{bar}] {percentage} % | {value}/{total} lignes', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function printReport(ctx: CliContext, report: ImportReport): void {
  for (const { text, problem } of importReportLines(report, "Simulation (--dry-run) : rien n'a été écrit.")) {
    if (problem) ctx.err(text);
    else ctx.out(text);
  }
}
