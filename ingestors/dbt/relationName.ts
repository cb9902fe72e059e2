import type { RelationNode } from './manifestSchema.js';
import type { RelationResourceType } from './resourceType.js';

export type RelationNameResult = { ok: true; name: string } | { ok: false; missing: string[] };

/** A manifest string that counts as present: dbt writes null or '' for unset values. */
function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * The asset name of a dbt relation, as OpenLineage's dbt integration names it: `database.schema.alias`
 * (`identifier` for sources), falling back to the node's `name`. Adapters without databases
 * (Spark, Hive) leave the database empty; their relations are named `schema.alias`.
 */
export function relationNameOf(node: RelationNode, resourceType: RelationResourceType): RelationNameResult {
  const table = resourceType === 'source' ? present(node.identifier) ?? present(node.name) : present(node.alias) ?? present(node.name);
  const schema = present(node.schema);
  const missing = [...(schema ? [] : ['schema']), ...(table ? [] : [resourceType === 'source' ? 'identifier/name' : 'alias/name'])];
  if (!schema || !table) return { ok: false, missing };
  const database = present(node.database);
  return { ok: true, name: database ? `${database}.${schema}.${table}` : `${schema}.${table}` };
}
