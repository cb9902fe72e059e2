import { WHOLE_ASSET, type FieldEdgeAssertion } from '../../graph-model/model.js';
import { statementLineage, type Dependency, type KnownTable, type Select, type WriteStatement } from '../sql/index.js';
import type { CatalogRelation } from './catalogSnapshot.js';

/** How the view's computation and the relations it touches are named in the graph. */
export interface ViewNaming {
  namespace: string;
  assetName(relation: CatalogRelation): string;
}

/** The SQL lineage model lower-cases names; the catalog keeps PostgreSQL's spelling. */
function lookupKey(...parts: string[]): string {
  return parts.join('.').toLowerCase();
}

/**
 * The relations of a view definition by the names the parsed query uses. With `search_path` set to
 * pg_catalog while reading, `pg_get_viewdef` qualifies every user relation with its schema; system
 * catalogs are pinned objects that pg_depend never lists, so they are never among `reads`.
 */
function relationsByQueryName(reads: CatalogRelation[]): Map<string, CatalogRelation> {
  const byName = new Map<string, CatalogRelation>();
  for (const relation of reads) {
    const key = lookupKey(relation.schema, relation.name);
    // Two relations spelled alike but for case ("Orders", orders): the first keeps the name.
    if (!byName.has(key)) byName.set(key, relation);
  }
  return byName;
}

/** The column as the catalog spells it, or undefined for a name the relation does not declare (e.g. `ctid`). */
function declaredColumn(relation: CatalogRelation, lowerName: string): string | undefined {
  if (lowerName === WHOLE_ASSET) return WHOLE_ASSET;
  return (relation.columns.find((column) => column.name === lowerName) ?? relation.columns.find((column) => column.name.toLowerCase() === lowerName))?.name;
}

/**
 * Column-level edges of a view, from its parsed query through the SQL ingestor's lineage analysis.
 * Only relations PostgreSQL lists as the view's dependencies (`reads`) and columns the catalog
 * declares can appear: the dataset-level edges come from pg_depend, and the store refuses field
 * edges to fields an asset does not declare.
 */
export function viewFieldEdges(view: CatalogRelation, reads: CatalogRelation[], query: Select, naming: ViewNaming): FieldEdgeAssertion[] {
  const byName = relationsByQueryName(reads);
  const target = `${lookupKey(view.schema, view.name)}\u0000view`;
  const known = (table: string): KnownTable => {
    const relation = table === target ? view : byName.get(table);
    return relation ? { fields: relation.columns.map((column) => ({ name: column.name.toLowerCase() })) } : {};
  };
  const statement: WriteStatement = {
    kind: 'write',
    mode: 'view',
    target,
    // A view's columns are its query's columns by position, named as the catalog names them.
    columns: view.columns.map((column) => column.name.toLowerCase()),
    query,
  };
  // PostgreSQL has no lateral column aliases: a name in a view's select list is a column.
  const lineage = statementLineage(statement, known, 'column');

  const edges = new Map<string, FieldEdgeAssertion>();
  const computation = { namespace: naming.namespace, name: naming.assetName(view) };
  const add = (table: string, inputField: string, outputField: string | undefined, flow: Pick<Dependency, 'type' | 'subtype' | 'masking'>) => {
    const relation = byName.get(table);
    const field = relation ? declaredColumn(relation, inputField) : undefined;
    if (!relation || field === undefined || outputField === undefined) return;
    const edge: FieldEdgeAssertion = {
      computation,
      input: { namespace: naming.namespace, name: naming.assetName(relation), field },
      output: { namespace: naming.namespace, name: naming.assetName(view), field: outputField },
      transformation: { type: flow.type, subtype: flow.subtype, masking: flow.masking },
    };
    edges.set(JSON.stringify(edge), edge);
  };
  for (const output of lineage.outputs) {
    const outputField = declaredColumn(view, output.name);
    for (const dep of output.deps) add(dep.table, dep.field, outputField, dep);
  }
  for (const dep of lineage.indirect) add(dep.table, dep.field, WHOLE_ASSET, dep);
  // A relation read whole with columns the analysis could not list flows in at dataset level.
  for (const table of lineage.opaque) add(table, WHOLE_ASSET, WHOLE_ASSET, { type: 'DIRECT', subtype: 'IDENTITY', masking: false });
  return [...edges.values()];
}
