import type { GraphQLContext } from './context.js';
import type { HistoryEntry } from './types/history.js';

export async function historyOf(ctx: GraphQLContext, id: string): Promise<HistoryEntry[]> {
  const entries = await ctx.store.history(id);
  return entries.map((e) => ({
    version: e.version,
    committedAt: e.committedAt,
    source: e.source,
    actor: e.actor,
    change: e.change,
    kind: e.node?.kind ?? null,
    contentHash: e.node?.contentHash ?? null,
    diff: {
      kindFrom: e.diff.kind ? e.diff.kind.from : null,
      kindTo: e.diff.kind ? e.diff.kind.to : null,
      fieldsAdded: e.diff.fieldsAdded,
      fieldsRemoved: e.diff.fieldsRemoved,
      fieldsChanged: e.diff.fieldsChanged,
      changed: e.diff.changed,
    },
    values: e.values,
    edges: e.edges.map((edge) => ({
      change: edge.change,
      kind: edge.kind,
      fromId: edge.from.id,
      from: `${edge.from.namespace}/${edge.from.name}`,
      toId: edge.to.id,
      to: `${edge.to.namespace}/${edge.to.name}`,
    })),
    edgesTotal: e.edgesTotal,
  }));
}
