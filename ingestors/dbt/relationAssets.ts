import { unreachable, type NodeAssertion } from '../../graph-model/model.js';
import type { CatalogedRelation, ManifestCatalog } from './catalogManifest.js';
import type { DbtGroup } from './manifestSchema.js';
import { assetKindOf } from './materialization.js';
import { assetDefinitionOf } from './nodeDefinitions.js';
import type { RelationResourceType } from './resourceType.js';

/**
 * When several dbt nodes name the same relation (a source declared on a table a model builds), the
 * node that builds it describes it best: one asset is asserted, from the highest-ranked node.
 */
function rank(resourceType: RelationResourceType): number {
  switch (resourceType) {
    case 'model':
    case 'snapshot':
      return 3;
    case 'seed':
      return 2;
    case 'source':
      return 1;
    default:
      return unreachable(resourceType);
  }
}

function assetOf(relation: CatalogedRelation, assetName: string, namespace: string, groups: Record<string, DbtGroup>): NodeAssertion {
  const kind = relation.materialization === null ? 'TABLE' : assetKindOf(relation.materialization);
  return {
    namespace,
    name: assetName,
    kind: kind ?? 'DATASET',
    definition: assetDefinitionOf(relation.uniqueId, relation.node, relation.resourceType, relation.materialization ?? undefined, groups),
  };
}

/** One asset per relation name of the catalog. */
export function relationAssets(catalog: ManifestCatalog, namespace: string, groups: Record<string, DbtGroup>): NodeAssertion[] {
  const chosen = new Map<string, CatalogedRelation>();
  for (const relation of catalog.relations.values()) {
    if (relation.assetName === null) continue;
    const current = chosen.get(relation.assetName);
    if (!current || rank(relation.resourceType) > rank(current.resourceType)) chosen.set(relation.assetName, relation);
  }
  return [...chosen].map(([name, relation]) => assetOf(relation, name, namespace, groups));
}
