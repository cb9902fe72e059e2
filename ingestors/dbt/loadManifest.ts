import { readFileSync } from 'node:fs';
import { formatPath } from '../../graph-model/errors.js';
import { manifestSchema, type ManifestJson } from './manifestSchema.js';

export interface Manifest {
  path: string;
  json: ManifestJson;
  /** The number in `https://schemas.getdbt.com/dbt/manifest/v12.json`; null when the manifest does not say. */
  schemaVersion: number | null;
}

/**
 * The version in `https://schemas.getdbt.com/dbt/manifest/v12.json`. Versions v4 to v12 are read
 * field by field with each version's names (e.g. `raw_sql` up to v6, `raw_code` from v7); older
 * and newer ones the same way, best-effort.
 */
export function schemaVersionOf(url: string): number | null {
  const match = /\/manifest\/v(\d+)\.json$/.exec(url);
  return match ? Number(match[1]) : null;
}

/**
 * Reads and checks the manifest's outline. A file that is not a manifest at all is thrown, not
 * reported: committing a full changeset from it would retract everything the source asserted.
 */
export function loadManifest(path: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read dbt manifest ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path} is not a dbt manifest: ${formatPath(issue.path)}: ${issue.message}`);
  }
  const schemaUrl = parsed.data.metadata?.dbt_schema_version;
  const schemaVersion = schemaUrl ? schemaVersionOf(schemaUrl) : null;
  // run_results.json or catalog.json passed by mistake also have `metadata` (but no manifest schema).
  if (schemaUrl && schemaVersion === null) throw new Error(`${path} is not a dbt manifest: its schema is ${schemaUrl}`);
  return { path, json: parsed.data, schemaVersion };
}
