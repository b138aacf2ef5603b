/** `egec audit …`: keeps the audit log within its retention (EGEC_AUDIT_RETENTION); run it daily (cron, timer). */
import type { Command } from 'commander';
import { purgeAudit } from '../../audit/audit-query.js';
import { requireConfig, withDatabase, type CliContext } from '../runtime.js';

export function auditCommand(program: Command, ctx: CliContext): void {
  const audit = program.command('audit').description("journal d'audit");
  audit
    .command('purge')
    .description("supprime les événements plus anciens que la durée de conservation (EGEC_AUDIT_RETENTION)")
    .action(async () => {
      const config = requireConfig(ctx.env);
      const deleted = await withDatabase(config, (db) => purgeAudit(db, ctx.clock, config.auditRetentionMs));
      const cutoff = new Date(ctx.clock.now() - config.auditRetentionMs).toISOString();
      ctx.out(`${deleted} événement(s) antérieur(s) au ${cutoff} supprimé(s).`);
    });
}
