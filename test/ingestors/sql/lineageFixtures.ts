import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Changeset } from '../../../graph-model/model.js';
import type { IngestContext, IngestError } from '../../../ingestors/contract.js';
import { sqlIngestor, type SqlInput } from '../../../ingestors/sql/index.js';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/sql');
export const WAREHOUSE = 'hive://warehouse';

/** Runs the ingestor without committing: the one changeset and the errors it reports. */
export async function readSql(input: SqlInput, context: IngestContext): Promise<{ changeset: Changeset; errors: IngestError[] }> {
  const batches = [];
  for await (const batch of sqlIngestor.read(input, context)) batches.push(batch);
  if (batches.length !== 1) throw new Error(`expected one batch, got ${batches.length}`);
  return batches[0]!;
}

/** The table-level edges of one computation, as `reads <table>` / `writes <table>`. */
export function edgesOf(changeset: Changeset, computation: string): string[] {
  return (changeset.edges ?? [])
    .filter((e) => e.to.name === computation || e.from.name === computation)
    .map((e) => (e.to.type === 'COMPUTATION' ? `reads ${e.from.name}` : `writes ${e.to.name}`))
    .sort();
}

/** The field edges of one computation, as `input.table.field -> output.field TYPE/SUBTYPE[ masked]`. */
export function fieldEdgesOf(changeset: Changeset, computation: string): string[] {
  return (changeset.fieldEdges ?? [])
    .filter((f) => f.computation.name === computation)
    .map((f) => {
      const t = f.transformation;
      return `${f.input.name}.${f.input.field || '*'} -> ${f.output.name}.${f.output.field || '*'} ${t.type}/${t.subtype}${t.masking ? ' masked' : ''}`;
    })
    .sort();
}

export function fieldsOf(changeset: Changeset, asset: string): string[] | undefined {
  return changeset.assets?.find((a) => a.name === asset)?.definition?.fields?.map((f) => f.name);
}
