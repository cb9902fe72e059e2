import { basename, resolve } from 'node:path';
import type { IngestBatch, IngestContext, Ingestor } from '../../contract.js';
import { loadCatalogFiles } from './catalogFile.js';
import { catalogToChangeset } from './catalogToChangeset.js';
import { readCatalog } from './readCatalog.js';

export interface RiskCatalogInput {
  /** A directory of YAML files (`*.yaml`, `*.yml`, searched recursively); see docs/risk-catalog.md. */
  directory: string;
}

/** `risk:<directory basename>`: one source per catalog directory. */
export const riskCatalogSourceId = (input: RiskCatalogInput): string => `risk:${basename(resolve(input.directory))}`;

/**
 * Ingests a declarative risk catalog (features, models, rules, decision services) as one full
 * changeset of source `risk:<directory basename>`. Bad items are reported and left out. A file
 * that is not valid YAML, or whose top level is not a catalog, stops the sync before anything is
 * committed: leaving its items out of a full sync would retract them all over one typo.
 */
export function riskCatalogIngestor(): Ingestor<RiskCatalogInput> {
  return {
    kind: 'risk',
    sourceId: riskCatalogSourceId,
    async *read(input: RiskCatalogInput, context: IngestContext): AsyncIterable<IngestBatch> {
      const source = riskCatalogSourceId(input);
      const loaded = loadCatalogFiles(input.directory);
      // A file with YAML errors is reported by those alone: what its broken parts parse to is noise.
      const { catalog, fileErrors, itemErrors } = readCatalog(loaded.files.filter((file) => file.document.errors.length === 0));
      const unusable = [...loaded.errors, ...fileErrors];
      if (unusable.length > 0) {
        // An empty delta commits nothing and retracts nothing; the errors are still recorded.
        yield { changeset: { source, mode: 'delta' }, errors: [...unusable, ...itemErrors] };
        return;
      }
      const batch = await catalogToChangeset(catalog, { source, store: context.store, progress: context.progress?.bind(context) });
      yield { changeset: batch.changeset, errors: [...itemErrors, ...batch.errors] };
    },
  };
}
