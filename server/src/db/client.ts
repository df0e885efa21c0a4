import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql, type ExtractTablesWithRelations, type SQL } from "drizzle-orm";
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The database handle every repository takes: PGlite and node-postgres share this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; repositories accept either. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in dataDir (memory when dataDir is null). */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir?: string | null;
  pglite?: PGlite;
  poolSize?: number;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      // Our named prepared statements look rows up by id, where one generic plan is right for
      // every value; by default PostgreSQL keeps re-planning them at each execution when its cost
      // model cannot tell (seen at ~0.1 ms of the thread read's 0.5 ms). Unnamed statements
      // (everything not prepared) are planned for their values as before.
      options: "-c plan_cache_mode=force_generic_plan",
    });
    const db = withAfterCommit(drizzlePg(pool, { schema }) as unknown as Db);
    return { db, kind: "postgres", close: () => pool.end() };
  }
  let client = opts.pglite;
  if (!client) {
    if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
    client = await PGlite.create(opts.dataDir ?? undefined);
  }
  const owned = client;
  const db = withAfterCommit(drizzlePglite(owned, { schema }) as unknown as Db);
  return { db, kind: "pglite", close: () => owned.close() };
}

/** What a transaction runs once it has committed (see `afterCommit`). */
const committedCallbacks = new WeakMap<Tx, (() => void)[]>();

/**
 * Runs `fn` once what was written through `db` is committed: at once for a statement outside a
 * transaction (call it after the statement), after COMMIT inside `db.transaction(...)`, and never
 * when the transaction rolls back. Savepoints (`tx.transaction`) are not supported.
 */
export function afterCommit(db: DbOrTx, fn: () => void): void {
  if (!isTransaction(db)) return fn();
  const callbacks = committedCallbacks.get(db);
  if (callbacks) callbacks.push(fn);
  else committedCallbacks.set(db, [fn]);
}

/** Makes `db.transaction` run the `afterCommit` callbacks of its transaction once it has committed. */
function withAfterCommit(db: Db): Db {
  const transaction = db.transaction.bind(db);
  const wrapped = async (run: (tx: Tx) => Promise<unknown>, config?: Parameters<Db["transaction"]>[1]) => {
    let handle: Tx | undefined;
    const result = await transaction((tx) => {
      handle = tx;
      return run(tx);
    }, config);
    const callbacks = handle && committedCallbacks.get(handle);
    if (callbacks) {
      committedCallbacks.delete(handle!);
      for (const fn of callbacks) fn();
    }
    return result;
  };
  db.transaction = wrapped as Db["transaction"];
  return db;
}

/**
 * A raw SQL statement (with `sql.placeholder`s) as a named prepared statement: drizzle prepares
 * only its query builders, and a statement that writes through several CTEs costs more to plan
 * than to run. Built once per database handle (see `preparedPerDatabase`); returns its rows.
 */
export function prepareRaw<T>(db: Db, name: string, query: SQL): (values: Record<string, unknown>) => Promise<T[]> {
  const internal = db as unknown as {
    session: {
      prepareQuery(
        q: unknown,
        fields: undefined,
        name: string,
        arrayMode: boolean,
      ): { execute(values: Record<string, unknown>): Promise<unknown> };
    };
    dialect: { sqlToQuery(sql: SQL): unknown };
  };
  const prepared = internal.session.prepareQuery(internal.dialect.sqlToQuery(query), undefined, name, false);
  return async (values) => ((await prepared.execute(values)) as { rows: T[] }).rows;
}

/** True inside `db.transaction(...)`: prepared statements belong to the database handle, not to a transaction. */
export const isTransaction = (db: DbOrTx): db is Tx => db instanceof PgTransaction;

/** The rows of a raw SQL query, whichever driver ran it (pg and PGlite both answer `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * A named prepared statement built once per database handle: hot reads skip building the SQL in
 * Node and re-planning it in PostgreSQL. Names must be unique across the server.
 */
export function preparedPerDatabase<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}

/**
 * Refreshes the planner's statistics. After a bulk load (demo seed, roster import) the tables have
 * none until autovacuum passes, and PGlite never runs autovacuum.
 */
export async function analyzeDatabase(database: { db: DbOrTx }): Promise<void> {
  await database.db.execute(sql`analyze`);
}

/** Applies every committed migration that has not run yet. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "postgres") {
    await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder });
  } else {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
  }
}
