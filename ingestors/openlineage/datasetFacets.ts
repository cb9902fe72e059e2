import { ASSET_KINDS, type AssetKind, type NodeDefinition } from '../../graph-model/model.js';
import type { Facets } from './events.js';
import { documentation, facet, isObject, objects, owners, schemaFields, text } from './facetValues.js';

const ASSET_KIND_SET = new Set<string>(ASSET_KINDS);

/** The asset kind the `datasetType` facet says, or null without one (then the known kind, or TABLE). */
export function datasetKind(facets: Facets): AssetKind | null {
  const type = text(facet(facets, 'datasetType')?.datasetType)?.toUpperCase();
  if (!type) return null;
  if (type === 'TOPIC') return 'STREAM';
  return ASSET_KIND_SET.has(type) ? (type as AssetKind) : 'DATASET';
}

/**
 * The kind of a dataset nothing else types: TABLE, except where the OpenLineage naming scheme says
 * the namespace is a message broker (`kafka://`, `pulsar://`, `kinesis://`): those names are topics.
 */
export function defaultDatasetKind(namespace: string): AssetKind {
  return /^(kafka|pulsar|kinesis):\/\//i.test(namespace) ? 'STREAM' : 'TABLE';
}

export type Lifecycle = { state: 'DROP' } | { state: 'RENAME'; previous?: { namespace: string; name: string } } | { state: 'OTHER' };

export function lifecycle(facets: Facets): Lifecycle | null {
  const change = facet(facets, 'lifecycleStateChange');
  const state = text(change?.lifecycleStateChange)?.toUpperCase();
  if (!change || !state) return null;
  if (state === 'DROP') return { state: 'DROP' };
  if (state !== 'RENAME') return { state: 'OTHER' };
  const previous = isObject(change.previousIdentifier) ? change.previousIdentifier : null;
  const namespace = text(previous?.namespace);
  const name = text(previous?.name);
  return namespace && name ? { state: 'RENAME', previous: { namespace, name } } : { state: 'RENAME' };
}

/** What a dataset's facets say about its definition; keys the event does not speak of are absent. */
export function datasetDefinition(facets: Facets): NodeDefinition {
  const definition: NodeDefinition = {};
  const description = documentation(facets);
  if (description) definition.description = description;
  const fields = schemaFields(facets);
  if (fields) definition.fields = fields;
  const datasetOwners = owners(facets);
  if (datasetOwners) definition.owners = datasetOwners;
  const properties: Record<string, unknown> = {};
  // Other names of the same data (e.g. the Hive table over a path): kept so a lookup by either resolves.
  const symlinks = facet(facets, 'symlinks');
  if (symlinks) {
    properties.symlinks = objects(symlinks.identifiers).flatMap((id) => {
      const namespace = text(id.namespace);
      const name = text(id.name);
      return namespace && name ? [{ namespace, name, type: text(id.type) ?? 'unknown' }] : [];
    });
  }
  // A rename keeps the name it had before, so history and search can connect the two.
  const change = lifecycle(facets);
  if (change?.state === 'RENAME' && change.previous) properties.previousIdentifier = change.previous;
  if (Object.keys(properties).length > 0) definition.properties = properties;
  return definition;
}
