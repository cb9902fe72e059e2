import type { IngestBatch, IngestContext, IngestError, Ingestor } from '../contract.js';
import { loadManifest, type Manifest } from './loadManifest.js';
import { manifestToChangeset } from './manifestToChangeset.js';
import { projectNameOf } from './projectName.js';
import { loadRunResults, type RunResultsFile } from './runResults.js';

export interface DbtInput {
  /** dbt's `target/manifest.json`. */
  manifestPath: string;
  /** dbt's `target/run_results.json`, for the runs of the last invocation. */
  runResultsPath?: string;
  /** Where the warehouse's relations and the project's models live, e.g. `postgres://warehouse:5432`. */
  namespace: string;
}

/**
 * Ingests a dbt project from its manifest: sources, seeds, models and snapshots become assets,
 * models and snapshots become computations reading their dependencies and writing their relation,
 * run results become runs. One full changeset for source `dbt:<project>`.
 */
export function dbtIngestor(): Ingestor<DbtInput> {
  // `sourceId` needs the project name from the manifest before `read` runs: parse the file once per input.
  const manifests = new WeakMap<DbtInput, Manifest>();
  const manifestOf = (input: DbtInput): Manifest => {
    let manifest = manifests.get(input);
    if (!manifest) {
      manifest = loadManifest(input.manifestPath);
      manifests.set(input, manifest);
    }
    return manifest;
  };
  const sourceId = (input: DbtInput) => `dbt:${projectNameOf(manifestOf(input), input.namespace)}`;

  return {
    kind: 'dbt',
    sourceId,
    async *read(input: DbtInput, context: IngestContext): AsyncIterable<IngestBatch> {
      const manifest = manifestOf(input);
      const fileErrors: IngestError[] = [];
      let runResults: RunResultsFile | undefined;
      if (input.runResultsPath !== undefined) {
        const loaded = loadRunResults(input.runResultsPath);
        if ('file' in loaded) runResults = loaded.file;
        else fileErrors.push(loaded.error);
      }
      const batch = manifestToChangeset(manifest, {
        source: sourceId(input),
        namespace: input.namespace,
        runResults,
        progress: context.progress?.bind(context),
      });
      manifests.delete(input);
      yield { changeset: batch.changeset, errors: [...fileErrors, ...batch.errors], ...(batch.quality ? { quality: batch.quality } : {}) };
    },
  };
}
