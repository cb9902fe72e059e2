import type { EdgeAssertion, FieldEdgeAssertion, NodeAssertion, NodeRef } from '../../graph-model/model.js';
import type { IngestBatch, IngestError } from '../contract.js';
import type { CatalogRelation, CatalogSnapshot } from './catalogSnapshot.js';
import { parseViewQuery } from './parseViewQuery.js';
import { relationAsset, relationAssetName } from './relationAsset.js';
import { isView } from './relationKinds.js';
import { viewFieldEdges, type ViewNaming } from './viewFieldEdges.js';

export interface CatalogChangesetOptions {
  source: string;
  namespace: string;
  database: string;
  progress?(done: number, total: number): void;
}

/**
 * The whole catalog as one full changeset: an asset per relation, and per view a VIEW_DEFINITION
 * computation (named like the view; computations and assets are apart) that READS what pg_depend
 * says it reads and WRITES the view. A definition the SQL parser cannot read loses its field edges,
 * never its view or its dataset-level edges, and is reported.
 */
export function catalogChangeset(snapshot: CatalogSnapshot, options: CatalogChangesetOptions): IngestBatch {
  const { namespace, database } = options;
  const naming: ViewNaming = { namespace, assetName: (relation) => relationAssetName(database, relation) };
  const byOid = new Map<number, CatalogRelation>([...snapshot.relations, ...snapshot.dependencies].map((relation) => [relation.oid, relation]));
  const assets: NodeAssertion[] = [...snapshot.relations, ...snapshot.dependencies].map((relation) => relationAsset(namespace, database, relation));
  const computations: NodeAssertion[] = [];
  const edges: EdgeAssertion[] = [];
  const fieldEdges: FieldEdgeAssertion[] = [];
  const errors: IngestError[] = [];

  const addView = (view: CatalogRelation) => {
    const name = naming.assetName(view);
    const viewRef: NodeRef = { type: 'ASSET', namespace, name };
    const job: NodeRef = { type: 'COMPUTATION', namespace, name };
    const definition = view.viewDefinition ?? '';
    computations.push({ namespace, name, kind: 'VIEW_DEFINITION', definition: { code: { language: 'sql', text: definition } } });
    const reads = (snapshot.viewReads.get(view.oid) ?? []).flatMap((oid) => byOid.get(oid) ?? []);
    for (const input of reads) edges.push({ from: { type: 'ASSET', namespace, name: naming.assetName(input) }, to: job });
    edges.push({ from: job, to: viewRef });

    const parsed = parseViewQuery(definition);
    if (!parsed.ok) {
      errors.push({ location: `${namespace}/${name}`, message: parsed.message, node: viewRef });
      return;
    }
    try {
      fieldEdges.push(...viewFieldEdges(view, reads, parsed.query, naming));
    } catch (error) {
      // An analysis that cannot follow the query costs this view its field edges, nothing else.
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ location: `${namespace}/${name}`, message: `cannot analyse the view definition: ${message}`, node: viewRef });
    }
  };

  const total = snapshot.relations.length;
  snapshot.relations.forEach((relation, i) => {
    if (isView(relation.relkind)) addView(relation);
    options.progress?.(i + 1, total);
  });

  return { changeset: { source: options.source, mode: 'full', assets, computations, edges, fieldEdges }, errors };
}
