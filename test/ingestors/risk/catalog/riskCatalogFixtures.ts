import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeId } from '../../../../graph-model/ids.js';
import type { GraphStore } from '../../../../graph-model/store/graphStore.js';

/** A catalog directory of test/fixtures/risk (see SOURCES.md there). */
export function fixtureDirectory(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/risk/${name}`, import.meta.url));
}

export const assetId = (namespace: string, name: string) => nodeId('ASSET', namespace, name);
export const computationId = (namespace: string, name: string) => nodeId('COMPUTATION', namespace, name);

/**
 * A copy of a fixture catalog (or an empty catalog) in a temporary directory named `dirName`,
 * to edit; `dispose` removes it.
 */
export function scratchCatalog(
  dirName: string,
  from?: string,
): { directory: string; read(file: string): string; write(file: string, text: string): string; remove(file: string): void; dispose(): void } {
  const parent = mkdtempSync(join(tmpdir(), 'dctx-risk-'));
  const directory = join(parent, dirName);
  if (from !== undefined) cpSync(fixtureDirectory(from), directory, { recursive: true });
  else mkdirSync(directory);
  return {
    directory,
    read: (file) => readFileSync(join(directory, file), 'utf8'),
    write(file, text) {
      const path = join(directory, file);
      writeFileSync(path, text);
      return path;
    },
    remove: (file) => rmSync(join(directory, file)),
    dispose: () => rmSync(parent, { recursive: true, force: true }),
  };
}

/** Edges touching a node, named `from KIND to` with node names: what the tests compare exactly. */
export async function namedEdges(store: GraphStore, id: string, asOf?: number): Promise<string[]> {
  const edges = await store.edges(id, { asOf });
  const nodes = await store.nodes([...new Set(edges.flatMap((edge) => [edge.from, edge.to]))], asOf);
  const nameOf = new Map(nodes.map((node) => [node.id, `${node.namespace}/${node.name}`]));
  return edges.map((edge) => `${nameOf.get(edge.from)} ${edge.kind} ${nameOf.get(edge.to)}`).sort();
}

/** Field edges of a computation, as `input.field -> output.field (TYPE/subtype)`. */
export async function namedFieldEdges(store: GraphStore, computation: string): Promise<string[]> {
  const edges = (await store.fieldEdges(computation)).filter((edge) => edge.computationId === computation);
  const nodes = await store.nodes([...new Set(edges.flatMap((edge) => [edge.inputId, edge.outputId]))]);
  const nameOf = new Map(nodes.map((node) => [node.id, `${node.namespace}/${node.name}`]));
  return edges
    .map((edge) => `${nameOf.get(edge.inputId)}#${edge.inputField} -> ${nameOf.get(edge.outputId)}#${edge.outputField} (${edge.transformationType}/${edge.transformationSubtype})`)
    .sort();
}

/** Tags of a node as `field:key=value` (`:key=value` on the node itself). */
export async function namedTags(store: GraphStore, id: string): Promise<string[]> {
  return (await store.tags(id)).map((tag) => `${tag.field}:${tag.key}=${tag.value}`).sort();
}
