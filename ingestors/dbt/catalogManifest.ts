import { formatPath } from '../../graph-model/errors.js';
import { TEXT_LIMITS, jsonTextIssues, tooLongReason } from '../../graph-model/storableText.js';
import type { IngestError } from '../contract.js';
import { jsonLocation } from './jsonLocation.js';
import type { Manifest } from './loadManifest.js';
import { relationNodeSchema, type RelationNode } from './manifestSchema.js';
import { materializationOf, type Materialization } from './materialization.js';
import { relationNameOf } from './relationName.js';
import { relationResourceType, resourceTypeOfId, type RelationResourceType } from './resourceType.js';

export type Collection = 'nodes' | 'sources';

/** A source, seed, model or snapshot of the manifest that passed validation. */
export interface CatalogedRelation {
  uniqueId: string;
  collection: Collection;
  resourceType: RelationResourceType;
  node: RelationNode;
  /** Null for sources, which dbt does not build. */
  materialization: Materialization | null;
  /** The relation's asset name; null for ephemeral models, which leave no relation. */
  assetName: string | null;
}

export interface ManifestCatalog {
  /** Valid relations by unique id, in unique-id order so that what follows does not depend on key order. */
  relations: Map<string, CatalogedRelation>;
  /** Relations that were reported as errors and left out. */
  failed: Set<string>;
  /** Every unique id of the manifest, relation or not: a dependency on any of them is not dangling. */
  known: Set<string>;
  errors: IngestError[];
}

/** Collections whose members are not relations but may be named in `depends_on.nodes`. */
const OTHER_COLLECTIONS = ['exposures', 'metrics', 'semantic_models', 'saved_queries', 'unit_tests', 'macros'] as const;

function byKey<T>(entries: [string, T][]): [string, T][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sorts the manifest's items into valid relations, bad relations (reported, left out) and the rest
 * (known, ignored). Each item is validated on its own so that one bad item costs only itself.
 */
export function catalogManifest(manifest: Manifest, onItem: () => void): ManifestCatalog {
  const catalog: ManifestCatalog = { relations: new Map(), failed: new Set(), known: new Set(), errors: [] };
  for (const name of OTHER_COLLECTIONS) for (const id of Object.keys(manifest.json[name] ?? {})) catalog.known.add(id);
  const items: [Collection, string, unknown][] = [
    ...byKey(Object.entries(manifest.json.nodes)).map(([id, raw]): [Collection, string, unknown] => ['nodes', id, raw]),
    ...byKey(Object.entries(manifest.json.sources ?? {})).map(([id, raw]): [Collection, string, unknown] => ['sources', id, raw]),
  ];
  for (const [collection, uniqueId, raw] of items) {
    catalog.known.add(uniqueId);
    catalogItem(manifest, catalog, collection, uniqueId, raw);
    onItem();
  }
  return catalog;
}

function catalogItem(manifest: Manifest, catalog: ManifestCatalog, collection: Collection, uniqueId: string, raw: unknown): void {
  const location = jsonLocation(manifest.path, collection, uniqueId);
  const fail = (message: string) => {
    catalog.failed.add(uniqueId);
    catalog.errors.push({ location, message: `dbt ${uniqueId}: ${message}` });
  };
  if (!isRecord(raw)) return fail('is not an object');
  // A string the store cannot hold would fail the whole sync's commit: it costs only its node.
  const [unstorable] = jsonTextIssues(raw, { limit: 1 });
  if (unstorable) {
    catalog.failed.add(uniqueId);
    catalog.errors.push({ location: jsonLocation(manifest.path, collection, uniqueId, ...unstorable.path), message: `dbt ${uniqueId}: ${formatPath(unstorable.path)} ${unstorable.message}` });
    return;
  }
  const statedType = typeof raw.resource_type === 'string' ? raw.resource_type : resourceTypeOfId(uniqueId);
  const resourceType = relationResourceType(statedType);
  if (!resourceType) return; // tests, analyses, operations...: not relations
  const parsed = relationNodeSchema.safeParse({ resource_type: statedType, ...raw });
  if (!parsed.success) {
    return fail(parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; '));
  }
  const node = parsed.data;
  // Older manifests list disabled nodes among the enabled ones; they build nothing.
  if (node.config?.enabled === false) return;
  const materialization = resourceType === 'source' ? null : materializationOf(resourceType, node.config?.materialized);
  if (materialization === 'ephemeral') {
    catalog.relations.set(uniqueId, { uniqueId, collection, resourceType, node, materialization, assetName: null });
    return;
  }
  const relation = relationNameOf(node, resourceType);
  if (!relation.ok) return fail(`missing ${relation.missing.join(' and ')}; cannot name its relation`);
  const tooLong = tooLongReason(relation.name, TEXT_LIMITS.identity) ?? tooLongReason(uniqueId, TEXT_LIMITS.identity);
  if (tooLong) return fail(`its relation name or unique id ${tooLong}`);
  for (const [key, column] of Object.entries(node.columns ?? {})) {
    const reason = tooLongReason(column.name ?? key, TEXT_LIMITS.field);
    if (reason) return fail(`column ${JSON.stringify((column.name ?? key).slice(0, 40))}... ${reason}`);
  }
  catalog.relations.set(uniqueId, { uniqueId, collection, resourceType, node, materialization, assetName: relation.name });
}
