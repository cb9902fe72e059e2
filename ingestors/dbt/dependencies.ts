import type { NodeRef } from '../../graph-model/model.js';
import type { IngestError } from '../contract.js';
import type { ManifestCatalog } from './catalogManifest.js';
import { jsonLocation } from './jsonLocation.js';

function dependenciesOf(catalog: ManifestCatalog, uniqueId: string): string[] {
  return catalog.relations.get(uniqueId)?.node.depends_on?.nodes ?? [];
}

/**
 * Reports each dependency that cannot become an edge: one on a node the manifest does not have, or
 * on a relation that was itself reported and left out. Dependencies on tests, metrics and the like
 * are fine; they are just not relations.
 */
export function checkDependencies(
  catalog: ManifestCatalog,
  manifestPath: string,
  refOf: (uniqueId: string) => NodeRef | undefined,
): IngestError[] {
  const errors: IngestError[] = [];
  for (const relation of catalog.relations.values()) {
    dependenciesOf(catalog, relation.uniqueId).forEach((dependency, index) => {
      if (catalog.relations.has(dependency)) return;
      const location = jsonLocation(manifestPath, relation.collection, relation.uniqueId, 'depends_on', 'nodes', index);
      const node = refOf(relation.uniqueId);
      if (catalog.failed.has(dependency)) {
        errors.push({ location, node, message: `dbt ${relation.uniqueId} depends on ${dependency}, which was left out (see its error); edge skipped` });
      } else if (!catalog.known.has(dependency)) {
        errors.push({ location, node, message: `dbt ${relation.uniqueId} depends on ${dependency}, which is not in the manifest; edge skipped` });
      }
    });
  }
  return errors;
}

/**
 * The asset names a relation reads: its dependencies that are relations, and through each ephemeral
 * model (inlined as a CTE, so it has no relation of its own) what that model reads.
 */
export function upstreamAssetNames(catalog: ManifestCatalog, uniqueId: string): string[] {
  const names = new Set<string>();
  const visited = new Set<string>([uniqueId]);
  const walk = (id: string) => {
    for (const dependency of dependenciesOf(catalog, id)) {
      if (visited.has(dependency)) continue;
      visited.add(dependency);
      const upstream = catalog.relations.get(dependency);
      if (!upstream) continue;
      if (upstream.assetName !== null) names.add(upstream.assetName);
      else walk(dependency);
    }
  };
  walk(uniqueId);
  return [...names];
}
