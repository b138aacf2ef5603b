/** `egec client …`: the firm's staff keep client files from the command line. */
import { Command, Option } from 'commander';
import { parseCivility, parseEmail, parseIdentifiant, parseName, type FieldResult } from '../../clients/client-fields.js';
import {
  createClient,
  findClient,
  listClients,
  updateClient,
  type ClientChanges,
  type ClientFile,
} from '../../clients/client-repository.js';
import { CliFailure, requireConfig, withDatabase, type CliContext } from '../runtime.js';
import { clientImportCommand } from './client-import.js';

export function clientCommand(program: Command, ctx: CliContext): void {
  const client = program.command('client').description('dossiers clients : ajout, import, consultation, modification');

  client
    .command('add')
    .description("crée un dossier client et affiche son identifiant")
    .addOption(new Option('--civility <civilité>', 'M., Mme, ou vide pour une société').default(''))
    .requiredOption('--name <nom>', 'nom du client ou de la société')
    .requiredOption('--email <courriel>', 'courriel enregistré dans le dossier')
    .option('--id <identifiant>', 'identifiant à 10 chiffres donné par le cabinet (sinon tiré au hasard)')
    .action(async (opts: { civility: string; name: string; email: string; id?: string }) => {
      const config = requireConfig(ctx.env);
      const fields = {
        civility: valid(parseCivility(opts.civility)),
        name: valid(parseName(opts.name)),
        email: valid(parseEmail(opts.email)),
      };
      const identifiant = opts.id === undefined ? undefined : valid(parseIdentifiant(opts.id));
      const created = await withDatabase(config, (db) => createClient(db, ctx.clock, fields, identifiant));
      if (!created.ok) throw new CliFailure(`l'identifiant ${identifiant ?? ''} existe déjà`.replace('  ', ' '));
      ctx.out(created.client.identifiant);
    });

  clientImportCommand(client, ctx);

  client
    .command('show')
    .description("affiche un dossier client")
    .argument('<identifiant>', 'identifiant à 10 chiffres')
    .action(async (id: string) => {
      const config = requireConfig(ctx.env);
      const identifiant = valid(parseIdentifiant(id));
      const found = await withDatabase(config, (db) => findClient(db, identifiant));
      if (!found) throw new CliFailure(`aucun dossier client ${identifiant}`);
      for (const line of describe(found)) ctx.out(line);
    });

  client
    .command('list')
    .description('liste les dossiers clients (par identifiant)')
    .option('--email <courriel>', 'seulement les dossiers enregistrés sous ce courriel')
    .option('--limit <n>', 'nombre maximum de lignes', '100')
    .action(async (opts: { email?: string; limit: string }) => {
      const config = requireConfig(ctx.env);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliFailure('--limit : nombre entier positif attendu');
      const clients = await withDatabase(config, (db) => listClients(db, { email: opts.email, limit }));
      ctx.out(['identifiant', 'civilité', 'nom', 'courriel', 'statut'].join('\t'));
      for (const c of clients) ctx.out([c.identifiant, c.civility ?? '', c.name, c.email, statusLabel(c)].join('\t'));
    });

  client
    .command('set')
    .description("modifie un dossier client (l'identifiant, lui, ne change jamais)")
    .argument('<identifiant>', 'identifiant à 10 chiffres')
    .option('--civility <civilité>', 'M., Mme, ou vide')
    .option('--name <nom>', 'nouveau nom')
    .option('--email <courriel>', 'nouveau courriel')
    .addOption(new Option('--disable', 'désactive le dossier (connexion et activation refusées)').conflicts('enable'))
    .option('--enable', 'réactive le dossier')
    .action(async (id: string, opts: { civility?: string; name?: string; email?: string; disable?: boolean; enable?: boolean }) => {
      const config = requireConfig(ctx.env);
      const identifiant = valid(parseIdentifiant(id));
      const changes: ClientChanges = {
        civility: opts.civility === undefined ? undefined : valid(parseCivility(opts.civility)),
        name: opts.name === undefined ? undefined : valid(parseName(opts.name)),
        email: opts.email === undefined ? undefined : valid(parseEmail(opts.email)),
        status: opts.disable ? 'disabled' : opts.enable ? 'active' : undefined,
      };
      if (Object.values(changes).every((v) => v === undefined)) throw new CliFailure('rien à modifier : voir egec client set --help');
      const result = await withDatabase(config, (db) => updateClient(db, ctx.clock, identifiant, changes));
      if (!result.ok) throw new CliFailure(`aucun dossier client ${identifiant}`);
      ctx.out(result.changed ? `Dossier ${identifiant} modifié.` : `Dossier ${identifiant} inchangé.`);
    });
}

function valid<T>(result: FieldResult<T>): T {
  if (!result.ok) throw new CliFailure(result.reason);
  return result.value;
}

function statusLabel(client: ClientFile): string {
  return client.status === 'active' ? 'actif' : 'désactivé';
}

function describe(c: ClientFile): string[] {
  return [
    `identifiant : ${c.identifiant}`,
    `civilité    : ${c.civility ?? '(aucune)'}`,
    `nom         : ${c.name}`,
    `courriel    : ${c.email}`,
    `statut      : ${statusLabel(c)}`,
    `créé le     : ${new Date(c.createdAt).toISOString()}`,
    `modifié le  : ${new Date(c.updatedAt).toISOString()}`,
  ];
}
