/**
 * Everything that differs between SQLite and PostgreSQL, in one place. Domain code asks these
 * helpers instead of testing the dialect itself.
 */
import { Kysely, PostgresAdapter, sql, type CreateTableBuilder, type SelectQueryBuilder } from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** True when a write failed on a UNIQUE or PRIMARY KEY constraint, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Makes a SELECT safe for several workers claiming rows at once. PostgreSQL locks the chosen rows
 * and skips rows another worker has locked (`FOR UPDATE SKIP LOCKED`), so two workers never claim
 * one row and neither waits for the other. SQLite has a single writer at a time: the claiming
 * UPDATE that wraps this SELECT is already exclusive, and SQLite has no such clause.
 */
export function claimable<DB, TB extends keyof DB, O>(db: Kysely<any>, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return dialectOf(db) === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/** Adds an auto-incremented integer primary key named `id`. */
export function withAutoId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * pg returns BIGINT (int8) and NUMERIC counts as strings to be safe beyond 2^53; our bigints are
 * epoch milliseconds and row counts, far below that, so read them as numbers. Scoped to our pool
 * rather than set globally on the pg module.
 */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/** Makes the database itself refuse any UPDATE that changes `column` of `table`. */
export async function guardImmutableColumn(db: Kysely<any>, table: string, column: string): Promise<void> {
  const name = `${table}_${column}_immutable`;
  if (dialectOf(db) === 'postgres') {
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$
         begin
           if new.${column} is distinct from old.${column} then
             raise exception '${table}.${column} is immutable' using errcode = '23514';
           end if;
           return new;
         end $$;
         create trigger ${name} before update on ${table} for each row execute function ${name}();`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create trigger ${name} before update of ${column} on ${table}
       when new.${column} is not old.${column}
       begin select raise(abort, '${table}.${column} is immutable'); end`,
    )
    .execute(db);
}

/**
 * Locks the selected rows until the transaction ends (PostgreSQL `FOR UPDATE`), so two requests
 * for the same rows run one after the other. SQLite has no row locks and needs none: a write
 * transaction holds the whole file, and Kysely's SQLite driver runs one transaction at a time on
 * its single connection.
 */
export function lockedForUpdate<DB, TB extends keyof DB, O>(db: Kysely<any>, query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}
