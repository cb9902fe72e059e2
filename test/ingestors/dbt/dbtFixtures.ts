import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeId } from '../../../graph-model/ids.js';
import type { GraphStore } from '../../../graph-model/store/graphStore.js';

/** Fixture files of test/fixtures/dbt (see SOURCES.md there). */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/dbt/${name}`, import.meta.url));
}

/** A fixture as a mutable JSON value, to derive variants of it. */
export function readFixture(name: string): any {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8'));
}

/** A temporary directory for derived manifests, removed by `dispose`. */
export function scratchDirectory(): { write(name: string, value: unknown): string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'dctx-dbt-'));
  return {
    write(name, value) {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(value, null, 2));
      return path;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const assetId = (namespace: string, name: string) => nodeId('ASSET', namespace, name);
export const computationId = (namespace: string, name: string) => nodeId('COMPUTATION', namespace, name);

/** Every node and edge the graph has at the latest version, by name: what the tests compare exactly. */
export async function graphContents(store: GraphStore): Promise<{ nodes: string[]; edges: string[] }> {
  const alive = new Set<string>();
  const edges = new Set<string>();
  for (const changeset of await store.changes(0)) {
    for (const node of changeset.changes.nodes) {
      if (node.change === 'DELETED') alive.delete(node.id);
      else alive.add(node.id);
    }
    for (const edge of changeset.changes.edgesAdded) edges.add(`${edge.from}|${edge.to}|${edge.kind}`);
    for (const edge of changeset.changes.edgesRemoved) edges.delete(`${edge.from}|${edge.to}|${edge.kind}`);
  }
  const nodes = await store.nodes([...alive]);
  const nameOf = new Map(nodes.map((node) => [node.id, node.name]));
  return {
    nodes: nodes.map((node) => `${node.type} ${node.kind} ${node.name}`).sort(),
    edges: [...edges]
      .map((key) => {
        const [from, to, kind] = key.split('|') as [string, string, string];
        return `${nameOf.get(from)} ${kind} ${nameOf.get(to)}`;
      })
      .sort(),
  };
}
