import type { ChangesetInfo } from '../../model.js';
import type { Queryable } from '../db.js';
import type { ChangesetRow } from '../rows.js';
import { toChangesetInfo } from './readChanges.js';

/**
 * The newest `last` changesets up to `upTo`, oldest first, without their changes: what a time
 * slider over graph versions shows (readChanges reads every fact a changeset touched, which for a
 * bulk load is hundreds of thousands of rows).
 */
export async function readVersions(db: Queryable, upTo: number, last: number): Promise<ChangesetInfo[]> {
  const rows = await db.query<ChangesetRow>('SELECT * FROM (SELECT * FROM changeset WHERE version <= $1 ORDER BY version DESC LIMIT $2) newest ORDER BY version', [upTo, last]);
  return rows.map(toChangesetInfo);
}
