import type { NodeRef } from '../../graph-model/model.js';
import type { IngestBatch } from '../contract.js';
import { catalogManifest } from './catalogManifest.js';
import { checkDependencies } from './dependencies.js';
import type { Manifest } from './loadManifest.js';
import { builtRelation, computationRef, modelComputations } from './modelComputations.js';
import { relationAssets } from './relationAssets.js';
import { runsFromResults, type RunResultsFile } from './runResults.js';
import { testResultsFrom } from './testResults.js';

export interface ManifestToChangesetOptions {
  source: string;
  namespace: string;
  runResults?: RunResultsFile;
  /** Called as items (manifest nodes and sources, then run results) are processed. */
  progress?(done: number, total: number): void;
}

/**
 * Everything a manifest (and optionally its run results) asserts, as one full changeset: a full
 * sync must be one changeset, or each part would retract the others. The output depends only on
 * the input's content, so re-reading an unchanged manifest commits nothing.
 */
export function manifestToChangeset(manifest: Manifest, options: ManifestToChangesetOptions): IngestBatch {
  const { namespace } = options;
  const total =
    Object.keys(manifest.json.nodes).length + Object.keys(manifest.json.sources ?? {}).length + (options.runResults?.results.length ?? 0);
  let done = 0;
  const onItem = () => options.progress?.(++done, total);

  const catalog = catalogManifest(manifest, onItem);
  const groups = manifest.json.groups ?? {};
  const assets = relationAssets(catalog, namespace, groups);
  const { computations, edges } = modelComputations(catalog, namespace, groups);

  // What an error is about: the model's computation, or the asset of a seed or source.
  const computationIds = new Map<string, { namespace: string; name: string }>();
  const refOf = (uniqueId: string): NodeRef | undefined => {
    const relation = catalog.relations.get(uniqueId);
    if (!relation || relation.assetName === null) return undefined;
    return builtRelation(relation) ? computationRef(namespace, uniqueId) : { type: 'ASSET', namespace, name: relation.assetName };
  };
  for (const computation of computations) computationIds.set(computation.name, { namespace, name: computation.name });
  const errors = [...catalog.errors, ...checkDependencies(catalog, manifest.path, refOf)];

  const runs = options.runResults ? runsFromResults(options.runResults, computationIds, catalog.known, onItem) : { runs: [], errors: [] };
  errors.push(...runs.errors);
  const tests = options.runResults ? testResultsFrom(options.runResults, manifest, catalog, namespace) : { results: [], errors: [] };
  errors.push(...tests.errors);

  return {
    changeset: { source: options.source, mode: 'full', assets, computations, edges, runs: runs.runs },
    errors,
    ...(tests.results.length > 0 ? { quality: { results: tests.results } } : {}),
  };
}
