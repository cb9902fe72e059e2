import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import { copyText, quoteIdent, ranges, transactionOf, type Db, type Queryable, type Table } from './db.js';

type Runner = PGlite | Transaction;

const parsers = { [pgliteTypes.NUMERIC]: (value: string) => Number(value), [pgliteTypes.INT8]: (value: string) => Number(value) };

function queryable(runner: Runner): Queryable {
  return {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await runner.query<T>(sql, params);
      return result.rows;
    },
    async bulkInsert<R>(table: Table<R>, rows: readonly R[]) {
      const names = table.columns.map((c) => quoteIdent(c.name)).join(', ');
      for (const [start, end] of ranges(rows.length)) {
        await runner.query(`COPY ${quoteIdent(table.name)} (${names}) FROM '/dev/blob'`, [], {
          blob: new Blob([copyText(table.columns, rows, start, end)]),
        });
      }
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
  };
}

/**
 * PGlite is one connection in this process: transactions are serialised by PGlite itself, and
 * notifications are in-process events, since no other process can open the same data directory.
 */
export async function createPgliteDb(dataDir?: string): Promise<Db> {
  const db = await PGlite.create(dataDir ? { dataDir, parsers } : { parsers });
  const base = queryable(db);
  return {
    engine: 'pglite',
    query: base.query,
    bulkInsert: base.bulkInsert,
    exec: base.exec,
    async transaction(fn) {
      return db.transaction((tx) => fn(transactionOf(queryable(tx))));
    },
    async withSessionLock(lockKey, fn) {
      await db.query('SELECT pg_advisory_lock($1)', [lockKey]);
      try {
        return await fn(base);
      } finally {
        await db.query('SELECT pg_advisory_unlock($1)', [lockKey]);
      }
    },
    async listen(channel, events) {
      // NOTIFY inside a committed PGlite transaction reaches PGlite's own listeners, in this
      // process: there is no connection to lose.
      const unsubscribe = await db.listen(channel, (payload) => events.onPayload(payload));
      return {
        retryNow() {},
        async close() {
          await unsubscribe();
        },
      };
    },
    async close() {
      await db.close();
    },
  };
}
