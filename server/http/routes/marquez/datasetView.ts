import type { VersionedGraph } from '../../../../graph-model/index/versionedGraph.js';
import type { FieldDef, NodeDefinition, Tag } from '../../../../graph-model/model.js';
import { datasetFacets } from './facets.js';
import { currentVersionUuid } from './marquezIds.js';
import { nodeSpan, timeOf, type NodeFacts } from './nodeFacts.js';
import { tagNames } from './tagNames.js';

/** Marquez has two dataset types; streams (and topics) are STREAM, everything else a DB_TABLE. */
export function datasetType(kind: string): 'DB_TABLE' | 'STREAM' {
  return kind === 'STREAM' ? 'STREAM' : 'DB_TABLE';
}

/** Nested fields flattened to `parent.child` (the graph's field names), each with its tags. */
export function datasetFields(definition: NodeDefinition, tags: readonly Tag[] | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (defs: readonly FieldDef[], prefix: string) => {
    for (const def of defs) {
      const name = prefix + def.name;
      out.push({ name, type: def.type ?? null, tags: tagNames(tags, name), description: def.description ?? null });
      if (def.fields) visit(def.fields, `${name}.`);
    }
  };
  visit(definition.fields ?? [], '');
  return out;
}

/** Marquez's Dataset of asset `n` at the facts' version. */
export function datasetView(graph: VersionedGraph, n: number, facts: NodeFacts): Record<string, unknown> {
  const id = graph.nodes.id(n);
  const namespace = graph.nodes.namespace(n);
  const name = graph.nodes.name(n);
  const node = facts.definitions.get(id);
  const definition = node?.definition ?? {};
  const tags = facts.tags.get(id);
  const span = nodeSpan(graph, n, facts.version);
  return {
    id: { namespace, name },
    type: datasetType(node?.kind ?? graph.nodes.versionAt(n, facts.version)?.kind ?? ''),
    name,
    physicalName: name,
    createdAt: timeOf(facts, span.created),
    updatedAt: timeOf(facts, span.updated),
    namespace,
    // OpenLineage datasets name their source by their namespace, as Marquez does without a dataSource facet.
    sourceName: namespace,
    fields: datasetFields(definition, tags),
    tags: tagNames(tags),
    lastModifiedAt: null,
    lastLifecycleState: null,
    description: definition.description ?? null,
    currentVersion: currentVersionUuid(graph, n, facts.version),
    columnLineage: null,
    facets: datasetFacets(definition),
    deleted: false,
  };
}
