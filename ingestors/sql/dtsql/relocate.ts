import type { Changeset, FieldDef } from '../../../graph-model/model.js';
import type { AssetLocation } from './assetLocations.js';

/**
 * Moves the script's tables that live elsewhere (a Flink table over a Kafka topic, a directory
 * target) to their OpenLineage names, in the assets, edges and field edges of a run's changeset.
 * Two tables of a script over the same topic become one asset, whose fields are the union of theirs.
 * It runs on the whole run's changeset because a CREATE TABLE ... WITH may come after (or in
 * another file than) the statements that use the table.
 */
export function relocateAssets(changeset: Changeset, namespace: string, locations: ReadonlyMap<string, AssetLocation>): Changeset {
  if (locations.size === 0) return changeset;
  const moved = (ref: { namespace: string; name: string }) => (ref.namespace === namespace ? locations.get(ref.name) : undefined);
  const at = <T extends { namespace: string; name: string }>(ref: T): T => {
    const location = moved(ref);
    return location ? { ...ref, namespace: location.namespace, name: location.name } : ref;
  };

  const assets = new Map<string, NonNullable<Changeset['assets']>[number]>();
  for (const asset of changeset.assets ?? []) {
    const location = moved(asset);
    const placed = location ? { ...asset, namespace: location.namespace, name: location.name, kind: location.kind } : asset;
    const key = JSON.stringify([placed.namespace, placed.name]);
    const previous = assets.get(key);
    if (!previous) {
      assets.set(key, placed);
      continue;
    }
    const fields = new Map<string, FieldDef>();
    for (const field of [...(previous.definition?.fields ?? []), ...(placed.definition?.fields ?? [])]) {
      const known = fields.get(field.name);
      if (!known || (field.type && !known.type)) fields.set(field.name, field);
    }
    assets.set(key, { ...previous, definition: fields.size > 0 ? { ...previous.definition, fields: [...fields.values()] } : (previous.definition ?? {}) });
  }
  const unique = <T>(items: T[]): T[] => [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
  // A read-only query's `columnsRead` is keyed by table: a moved one by its dataset's namespace and name (`s3://b/key`).
  const computations = (changeset.computations ?? []).map((computation) => {
    const columnsRead = computation.definition?.properties?.columnsRead as Record<string, string[]> | undefined;
    if (!columnsRead || !Object.keys(columnsRead).some((table) => locations.has(table))) return computation;
    const keyed = Object.entries(columnsRead).map(([table, columns]) => {
      const location = locations.get(table);
      return [location ? `${location.namespace}${location.name.startsWith('/') ? '' : '/'}${location.name}` : table, columns] as const;
    });
    const properties = { ...computation.definition!.properties, columnsRead: Object.fromEntries(keyed.sort(([a], [b]) => a.localeCompare(b))) };
    return { ...computation, definition: { ...computation.definition, properties } };
  });
  return {
    ...changeset,
    ...(changeset.computations ? { computations } : {}),
    assets: [...assets.values()],
    edges: unique((changeset.edges ?? []).map((edge) => ({ ...edge, from: edge.from.type === 'ASSET' ? at(edge.from) : edge.from, to: edge.to.type === 'ASSET' ? at(edge.to) : edge.to }))),
    fieldEdges: unique((changeset.fieldEdges ?? []).map((edge) => ({ ...edge, input: at(edge.input), output: at(edge.output) }))),
  };
}
