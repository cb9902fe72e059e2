import { z } from 'zod';
import { nodeId } from '../../graph-model/ids.js';
import type { QualityOutcome, QualityResultInput } from '../../graph-model/store/operations/recordQualityResults.js';
import type { IngestError } from '../contract.js';
import type { ManifestCatalog } from './catalogManifest.js';
import { jsonLocation } from './jsonLocation.js';
import type { Manifest } from './loadManifest.js';
import { dbtRunId } from './runId.js';
import { spanOf, type RunResultsFile } from './runResults.js';
import { runResultSchema } from './runResultsSchema.js';

/** The parts of a test node of the manifest that say what it tests. */
const testNodeSchema = z.looseObject({
  resource_type: z.literal('test'),
  name: z.string(),
  /** dbt 1.5+: the model, seed, snapshot or source the test is attached to. */
  attached_node: z.string().nullish(),
  column_name: z.string().nullish(),
  depends_on: z.looseObject({ nodes: z.array(z.string()).nullish() }).nullish(),
  test_metadata: z.looseObject({ name: z.string().nullish(), kwargs: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});

/** What a test's run-result status says; `skipped` (the test did not run) records nothing. */
function outcomeOf(status: string): QualityOutcome | null {
  switch (status) {
    case 'pass':
    case 'success':
      return 'pass';
    case 'fail':
      return 'fail';
    case 'warn':
      return 'warn';
    case 'error':
    case 'runtime error':
      return 'error';
    default:
      return null;
  }
}

/** The relation a test is about: `attached_node`, else the only relation it depends on. */
function testedRelation(test: z.infer<typeof testNodeSchema>, catalog: ManifestCatalog): string | { error: string } {
  if (test.attached_node) return test.attached_node;
  const relations = (test.depends_on?.nodes ?? []).filter((id) => catalog.relations.has(id));
  if (relations.length === 1) return relations[0]!;
  return { error: relations.length === 0 ? 'depends on no relation of the manifest' : `has no attached_node and depends on ${relations.length} relations (${relations.join(', ')})` };
}

/** The asset field a test's column is: exactly, else the one declared column equal ignoring case (dbt quotes as the warehouse folds). */
function fieldOf(column: string, declared: string[]): string | null {
  if (declared.includes(column)) return column;
  const folded = declared.filter((name) => name.toLowerCase() === column.toLowerCase());
  return folded.length === 1 ? folded[0]! : null;
}

/**
 * The quality results of a run_results.json's tests: each test result becomes a result of check
 * `<test name>` on the asset of the node the test is attached to, on the test's column when it
 * names one the asset declares (else on the asset, with an ingest error saying so). The time is the
 * end of the test's execution, else when dbt wrote the file; observed is dbt's `failures` count.
 */
export function testResultsFrom(
  file: RunResultsFile,
  manifest: Manifest,
  catalog: ManifestCatalog,
  namespace: string,
): { results: QualityResultInput[]; errors: IngestError[] } {
  const results: QualityResultInput[] = [];
  const errors: IngestError[] = [];
  file.results.forEach((raw, index) => {
    const parsed = runResultSchema.safeParse(raw);
    if (!parsed.success) return; // reported by runsFromResults
    const result = parsed.data;
    const testNode = testNodeSchema.safeParse(manifest.json.nodes[result.unique_id]);
    if (!testNode.success) return; // not a test
    const outcome = outcomeOf(result.status);
    if (outcome === null) return;
    const location = jsonLocation(file.path, 'results', index);
    const test = testNode.data;
    const tested = testedRelation(test, catalog);
    if (typeof tested !== 'string') {
      errors.push({ location, message: `dbt test ${result.unique_id} ${tested.error}; its result is left out` });
      return;
    }
    const relation = catalog.relations.get(tested);
    if (!relation || relation.assetName === null) {
      errors.push({ location, message: `dbt test ${result.unique_id} is attached to ${tested}, which is not a relation of the manifest; its result is left out` });
      return;
    }
    const observedAt = spanOf(result).endedAt ?? file.generatedAt;
    if (!observedAt) {
      errors.push({ location, message: `dbt test ${result.unique_id} has no execution time and the file no generated_at; its result is left out` });
      return;
    }
    const kwargColumn = test.test_metadata?.kwargs?.column_name;
    const column = test.column_name ?? (typeof kwargColumn === 'string' ? kwargColumn : undefined);
    let field = '';
    if (column) {
      const declared = Object.entries(relation.node.columns ?? {}).map(([key, c]) => c.name ?? key);
      const found = fieldOf(column, declared);
      if (found === null) {
        errors.push({
          location,
          message: `dbt test ${result.unique_id} names column ${column}, which ${tested} does not declare; its result is kept on the whole relation (declare the column to have it on the field)`,
        });
      } else field = found;
    }
    results.push({
      nodeId: nodeId('ASSET', namespace, relation.assetName),
      field,
      check: test.name,
      observedAt,
      outcome,
      ...(typeof result.failures === 'number' ? { observed: result.failures } : {}),
      ...(result.message ? { message: result.message } : {}),
      runId: dbtRunId(file.invocationId, result.unique_id),
    });
  });
  return { results, errors };
}
