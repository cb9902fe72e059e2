import type { FieldDef, NodeDefinition, Run } from '../../../../graph-model/model.js';

/**
 * OpenLineage facets rebuilt from what the graph keeps of them. The graph stores a definition
 * (fields, description, code, owners, properties), not the facets as sent, so a facet appears
 * here when the definition holds what it said, in the facet's own shape, with this service as
 * its producer.
 */
export const PRODUCER = 'https://github.com/data-context/data-context/tree/main/server/http/routes/marquez';

const SPEC = 'https://openlineage.io/spec';
type Facet = Record<string, unknown> & { _producer: string; _schemaURL: string };

function facet(schema: string, body: Record<string, unknown>): Facet {
  return { _producer: PRODUCER, _schemaURL: `${SPEC}/${schema}`, ...body };
}

function schemaField(def: FieldDef): Record<string, unknown> {
  return {
    name: def.name,
    ...(def.type !== undefined ? { type: def.type } : {}),
    ...(def.description !== undefined ? { description: def.description } : {}),
    ...(def.fields ? { fields: def.fields.map(schemaField) } : {}),
  };
}

function common(definition: NodeDefinition, facets: Record<string, Facet>, kind: 'dataset' | 'job'): void {
  if (definition.description !== undefined) {
    const name = kind === 'dataset' ? 'DocumentationDatasetFacet' : 'DocumentationJobFacet';
    facets.documentation = facet(`facets/1-1-0/${name}.json#/$defs/${name}`, { description: definition.description });
  }
  if (definition.owners && definition.owners.length > 0) {
    const name = kind === 'dataset' ? 'OwnershipDatasetFacet' : 'OwnershipJobFacet';
    facets.ownership = facet(`facets/1-0-1/${name}.json#/$defs/${name}`, {
      owners: definition.owners.map((o) => ({ name: o.name, ...(o.type !== undefined ? { type: o.type } : {}) })),
    });
  }
}

export function datasetFacets(definition: NodeDefinition): Record<string, Facet> {
  const facets: Record<string, Facet> = {};
  if (definition.fields) facets.schema = facet('facets/1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet', { fields: definition.fields.map(schemaField) });
  common(definition, facets, 'dataset');
  const symlinks = definition.properties?.symlinks;
  if (Array.isArray(symlinks)) facets.symlinks = facet('facets/1-0-1/SymlinksDatasetFacet.json#/$defs/SymlinksDatasetFacet', { identifiers: symlinks });
  return facets;
}

/** The job's source code location (the `sourceCodeLocation` facet the graph keeps), Marquez's `location`. */
export function jobLocation(definition: NodeDefinition): string | null {
  const location = definition.properties?.sourceCodeLocation as { url?: unknown } | undefined;
  return typeof location?.url === 'string' ? location.url : null;
}

export function jobFacets(definition: NodeDefinition): Record<string, Facet> {
  const facets: Record<string, Facet> = {};
  const code = definition.code;
  if (code && code.language.toLowerCase() === 'sql') facets.sql = facet('facets/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet', { query: code.text });
  else if (code) facets.sourceCode = facet('facets/1-0-1/SourceCodeJobFacet.json#/$defs/SourceCodeJobFacet', { language: code.language, sourceCode: code.text });
  const location = definition.properties?.sourceCodeLocation;
  if (location && typeof location === 'object') facets.sourceCodeLocation = facet('facets/1-0-1/SourceCodeLocationJobFacet.json#/$defs/SourceCodeLocationJobFacet', { ...location });
  common(definition, facets, 'job');
  return facets;
}

export function runFacets(run: Run): Record<string, Facet> {
  const facets: Record<string, Facet> = {};
  const parent = run.properties.parent as { namespace?: unknown; name?: unknown; runId?: unknown } | undefined;
  if (parent && typeof parent.namespace === 'string' && typeof parent.name === 'string') {
    facets.parent = facet('facets/1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet', {
      job: { namespace: parent.namespace, name: parent.name },
      ...(typeof parent.runId === 'string' ? { run: { runId: parent.runId } } : {}),
    });
  }
  if (typeof run.properties.errorMessage === 'string') {
    facets.errorMessage = facet('facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet', { message: run.properties.errorMessage });
  }
  return facets;
}
