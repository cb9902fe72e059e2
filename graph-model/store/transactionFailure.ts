import { transactionOf, type Tx } from './db.js';

/** The SQLSTATE of a database error (node-postgres and PGlite both set `code`), else undefined. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** `in_failed_sql_transaction`: a statement sent after an earlier one of the transaction failed. */
const TRANSACTION_ABORTED = '25P02';

/**
 * Whether the database refused the data rather than failed: a data exception (class 22: a value
 * it cannot store or convert), an integrity constraint (23: unique, check, not null), a program
 * limit (54: an index row too large) or a trigger's RAISE (P0001). Anything else (connection,
 * resources, serialization) is a fault of the service, not of what was sent.
 */
export function isDataRefusal(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && (/^(22|23|54)/.test(state) || state === 'P0001');
}

/**
 * A transaction's statements, each remembering the first failure. The store sends statements of
 * one transaction without waiting for the ones before (writes stream while the next rows are
 * worked out), so the statement whose failure is awaited first is often a later one, which only
 * says "current transaction is aborted"; the cause is the failure recorded here.
 */
export function recordingFirstFailure(tx: Tx): { tx: Tx; cause(error: unknown): unknown } {
  let first: unknown;
  let failed = false;
  const record = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      if (!failed && sqlStateOf(error) !== TRANSACTION_ABORTED) {
        failed = true;
        first = error;
      }
      throw error;
    });
  return {
    // The same transaction, each statement watched.
    tx: transactionOf({
      query: (sql, params) => record(tx.query(sql, params)),
      bulkInsert: (table, rows) => record(tx.bulkInsert(table, rows)),
      exec: (sql) => record(tx.exec(sql)),
    }),
    cause: (error) => (failed && sqlStateOf(error) === TRANSACTION_ABORTED ? first : error),
  };
}
