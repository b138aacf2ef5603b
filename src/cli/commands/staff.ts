/** `egec staff …`: back-office accounts. Adding one prints its one-time setup link (valid 72 h). */
import { Command, Option } from 'commander';
import { parseEmail } from '../../clients/client-fields.js';
import { addStaff, disableStaff, findStaffRowByEmail, listStaff, setupPath } from '../../back-office/staff/staff-repository.js';
import { STAFF_ROLES, type StaffRole } from '../../back-office/staff/staff-roles.js';
import { CliFailure, requireConfig, withDatabase, type CliContext } from '../runtime.js';

export function staffCommand(program: Command, ctx: CliContext): void {
  const staff = program.command('staff').description('comptes du personnel (back-office /admin)');

  staff
    .command('add')
    .description("crée un compte et affiche son lien d'initialisation (à usage unique, 72 h)")
    .requiredOption('--email <courriel>', 'courriel professionnel du membre du personnel')
    .addOption(new Option('--role <rôle>', 'agent, it ou admin').choices(STAFF_ROLES).makeOptionMandatory())
    .action(async (opts: { email: string; role: StaffRole }) => {
      const config = requireConfig(ctx.env);
      const email = parseEmail(opts.email);
      if (!email.ok) throw new CliFailure(email.reason);
      const added = await withDatabase(config, (db) => addStaff(db, ctx.clock, email.value, opts.role));
      if (!added.ok) throw new CliFailure(`un compte existe déjà pour ${email.value}`);
      ctx.out(new URL(setupPath(added.setupToken), config.http.publicUrl).href);
    });

  staff
    .command('list')
    .description('liste les comptes du personnel')
    .action(async () => {
      const config = requireConfig(ctx.env);
      const members = await withDatabase(config, (db) => listStaff(db));
      ctx.out(['courriel', 'rôle', 'statut', 'TOTP'].join('\t'));
      for (const m of members) ctx.out([m.email, m.role, m.status, m.totpEnrolled ? 'oui' : 'non'].join('\t'));
    });

  staff
    .command('disable')
    .description('désactive un compte et met fin à ses sessions')
    .argument('<courriel>', 'courriel du compte')
    .action(async (email: string) => {
      const config = requireConfig(ctx.env);
      const done = await withDatabase(config, async (db) => {
        const row = await findStaffRowByEmail(db, email);
        if (!row) throw new CliFailure(`aucun compte pour ${email}`);
        return disableStaff(db, ctx.clock, Number(row.id));
      });
      ctx.out(done ? `Compte ${email} désactivé.` : `Compte ${email} déjà désactivé.`);
    });
}
