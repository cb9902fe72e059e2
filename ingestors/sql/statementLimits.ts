import { TEXT_LIMITS, tooLongReason } from '../../graph-model/storableText.js';
import type { Statement } from './queryModel.js';

/** Keys of the lineage model whose strings name tables (assets): the identity limit applies. */
const TABLE_KEYS = new Set(['target', 'sourceTables', 'table']);
/** Keys whose strings are not identifiers (column types and descriptions are not indexed). */
const FREE_TEXT_KEYS = new Set(['type', 'description', 'kind']);

/**
 * The first identifier of a parsed statement longer than the store can index (a table name past
 * TEXT_LIMITS.identity, a column or alias past TEXT_LIMITS.field), as the statement's error; null
 * when all fit. Walks the model iteratively: a deeply nested query must not overflow the stack here.
 */
export function identifierTooLong(statement: Statement): string | null {
  const pending: { value: unknown; table: boolean }[] = [{ value: statement, table: false }];
  while (pending.length > 0) {
    const { value, table } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = tooLongReason(value, table ? TEXT_LIMITS.identity : TEXT_LIMITS.field);
      if (reason) return `the ${table ? 'table' : 'column'} name ${JSON.stringify(`${value.slice(0, 32)}...`)} ${reason}; the statement is left out`;
      continue;
    }
    if (Array.isArray(value)) {
      for (const item of value) pending.push({ value: item, table });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const record = value as Record<string, unknown>;
    for (const [key, child] of Object.entries(record)) {
      if (FREE_TEXT_KEYS.has(key)) continue;
      // A relation of kind `table` names its table in `name`.
      pending.push({ value: child, table: TABLE_KEYS.has(key) || (key === 'name' && record.kind === 'table') });
    }
  }
  return null;
}
