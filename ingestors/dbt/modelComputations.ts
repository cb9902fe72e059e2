import type { EdgeAssertion, NodeAssertion, NodeRef } from '../../graph-model/model.js';
import type { CatalogedRelation, ManifestCatalog } from './catalogManifest.js';
import { upstreamAssetNames } from './dependencies.js';
import type { DbtGroup } from './manifestSchema.js';
import { computationKindOf } from './materialization.js';
import { computationDefinitionOf } from './nodeDefinitions.js';

/**
 * Models and snapshots are what dbt runs, so they are the computations. Seeds are loaded from CSV
 * files outside the graph and sources are loaded by others: both are only assets. Ephemeral models
 * run inside their consumers' SQL and are not computations either.
 */
export function builtRelation(relation: CatalogedRelation): relation is CatalogedRelation & { assetName: string } {
  return (relation.resourceType === 'model' || relation.resourceType === 'snapshot') && relation.assetName !== null;
}

export function computationRef(namespace: string, uniqueId: string): NodeRef {
  return { type: 'COMPUTATION', namespace, name: uniqueId };
}

export interface ModelComputations {
  computations: NodeAssertion[];
  edges: EdgeAssertion[];
}

/** A computation per model and snapshot, named by its unique id, reading its dependencies and writing its relation. */
export function modelComputations(catalog: ManifestCatalog, namespace: string, groups: Record<string, DbtGroup>): ModelComputations {
  const result: ModelComputations = { computations: [], edges: [] };
  const asset = (name: string): NodeRef => ({ type: 'ASSET', namespace, name });
  for (const relation of catalog.relations.values()) {
    if (!builtRelation(relation) || relation.materialization === null) continue;
    const kind = computationKindOf(relation.materialization);
    if (kind === null) continue;
    const self = computationRef(namespace, relation.uniqueId);
    result.computations.push({
      namespace,
      name: relation.uniqueId,
      kind,
      definition: computationDefinitionOf(relation.node, relation.resourceType, relation.materialization, groups),
    });
    for (const input of upstreamAssetNames(catalog, relation.uniqueId)) result.edges.push({ from: asset(input), to: self });
    result.edges.push({ from: self, to: asset(relation.assetName) });
  }
  return result;
}
