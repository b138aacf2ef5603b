/**
 * What every command shares: the configuration (or one line per bad variable and exit 1), an open
 * and migrated database, and one-line errors instead of stack traces.
 */
import { systemClock, type Clock } from '../clock.js';
import { loadConfig, type Config, type Env } from '../config.js';
import { createLogger, type Logger } from '../logging.js';
import { openDatabase, type Db } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrate.js';

/** An expected failure: its message is printed as is, and the process exits 1. */
export class CliFailure extends Error {}

export interface CliContext {
  readonly env: Env;
  readonly clock: Clock;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** True when stderr is a terminal (progress bars). */
  readonly interactive: boolean;
}

export function defaultContext(): CliContext {
  return {
    env: process.env,
    clock: systemClock,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: process.stderr.isTTY === true,
  };
}

export function requireConfig(env: Env): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new CliFailure(`configuration invalide :\n${result.errors.map((e) => `  ${e}`).join('\n')}`);
  return result.config;
}

/** Opens the configured database, brings it to the latest schema, runs `work`, closes it. */
export async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(config.database);
  try {
    await migrateOrFail(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** For long-running commands (serve, worker): configuration, logger, and an open, migrated database. */
export async function openService(ctx: CliContext): Promise<{ config: Config; logger: Logger; db: Db }> {
  const config = requireConfig(ctx.env);
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.database);
  await migrateOrFail(db);
  return { config, logger, db };
}

export async function migrateOrFail(db: Db): Promise<string[]> {
  const outcome = await migrateToLatest(db);
  if (!outcome.ok) throw new CliFailure(`migration ${outcome.failed} en échec : ${outcome.message}`);
  return outcome.applied;
}

/** One readable line for anything thrown: our own failures as they are, others by their message. */
export function describeError(error: unknown): string {
  if (error instanceof CliFailure) return error.message;
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message.split('\n')[0] ?? 'erreur';
  return String(error);
}
