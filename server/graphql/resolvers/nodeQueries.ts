import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { NodeKind } from '../types/enums.js';
import { nodeId } from '../../../graph-model/ids.js';
import type { ChangesetWithChanges } from '../../../graph-model/store/operations/readChanges.js';
import { searchNodes, type SearchKey } from '../../../graph-model/analyses/searchNodes.js';
import { AsOfScalar, type AsOfValue } from '../asOfScalar.js';
import { searchComplexity } from '../complexity.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, clientError } from '../errors.js';
import { findNode, resolveVersion } from '../graphNodes.js';
import { historyOf } from '../historyOf.js';
import { pageSize } from '../paging.js';
import { Asset, Computation, NodeConnection } from '../types/assetAndComputation.js';
import { Changeset, type FactChange } from '../types/changes.js';
import type { Page } from '../types/connection.js';
import type { GraphNode } from '../types/graphNode.js';
import { HistoryEntry } from '../types/history.js';
import { NodeInterface } from '../types/node.js';

function searchCursor(hit: SearchKey): string {
  return Buffer.from(JSON.stringify([hit.name, hit.namespace, hit.id])).toString('base64url');
}

function searchAfter(after: string | null | undefined): { name: string; namespace: string; id: string } | undefined {
  if (!after) return undefined;
  try {
    const [name, namespace, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof namespace === 'string' && typeof id === 'string') return { name, namespace, id };
  } catch {
    // fall through: not one of our cursors
  }
  throw clientError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of this search', { argument: 'after' });
}

function factChanges(changes: ChangesetWithChanges['changes'], added: boolean): FactChange[] {
  const edges = added ? changes.edgesAdded : changes.edgesRemoved;
  const tags = added ? changes.tagsAdded : changes.tagsRemoved;
  return [
    ...edges.map((e) => ({ kind: e.kind, from: e.from, to: e.to, label: null })),
    ...tags.map((t) => ({ kind: 'TAG', from: t.nodeId, to: null, label: t.field ? `${t.field}:${t.key}=${t.value}` : `${t.key}=${t.value}` })),
  ];
}

@Resolver()
export class NodeQueries {
  @Query(() => Int, { description: 'The latest graph version this server answers from.' })
  graphVersion(@Ctx() ctx: GraphQLContext): number {
    return ctx.index.version;
  }

  @Query(() => Asset, { nullable: true, description: 'An asset by its OpenLineage dataset identity.' })
  async asset(
    @Ctx() ctx: GraphQLContext,
    @Arg('namespace', () => String) namespace: string,
    @Arg('name', () => String) name: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
  ): Promise<GraphNode | null> {
    return findNode(ctx.index, nodeId('ASSET', namespace, name), await resolveVersion(ctx, asOf));
  }

  @Query(() => Computation, { nullable: true, description: 'A computation by its OpenLineage job identity.' })
  async computation(
    @Ctx() ctx: GraphQLContext,
    @Arg('namespace', () => String) namespace: string,
    @Arg('name', () => String) name: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
  ): Promise<GraphNode | null> {
    return findNode(ctx.index, nodeId('COMPUTATION', namespace, name), await resolveVersion(ctx, asOf));
  }

  @Query(() => NodeInterface, { nullable: true, description: 'Any node by id.' })
  async node(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
  ): Promise<GraphNode | null> {
    return findNode(ctx.index, id, await resolveVersion(ctx, asOf));
  }

  @Query(() => NodeConnection, {
    description: 'Nodes whose name or namespace contains every word of the query, case-insensitively (empty matches all), by name.',
    complexity: searchComplexity,
  })
  async search(
    @Ctx() ctx: GraphQLContext,
    @Arg('query', () => String) query: string,
    @Arg('kinds', () => [NodeKind], { nullable: true }) kinds?: NodeKind[],
    @Arg('tags', () => [String], { nullable: true, description: 'key or key=value, on the node or one of its fields.' }) tags?: string[],
    @Arg('owner', () => String, { nullable: true }) owner?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
  ): Promise<Page<GraphNode>> {
    const version = await resolveVersion(ctx, asOf);
    const limit = pageSize(ctx, first);
    const among = tags && tags.length > 0 ? await ctx.store.nodesTagged(tags, version) : undefined;
    const { total, hits } = searchNodes(ctx.index, {
      text: query,
      kinds: kinds ?? undefined,
      owner: owner ?? undefined,
      among,
      asOf: version,
      limit: limit + 1,
      after: searchAfter(after),
    });
    const page = hits.slice(0, limit);
    return {
      totalCount: total,
      nodes: page.map((h) => ({ ...h, version })),
      pageInfo: { hasNextPage: hits.length > limit, endCursor: page.length > 0 ? searchCursor(page[page.length - 1]!) : null },
    };
  }

  @Query(() => [HistoryEntry], { description: "A node's versions, oldest first, with what changed between them." })
  history(@Ctx() ctx: GraphQLContext, @Arg('id', () => ID) id: string) {
    return historyOf(ctx, id);
  }

  @Query(() => [Changeset], { description: 'Changesets committed after `since`, oldest first, with their changes.' })
  async changes(
    @Ctx() ctx: GraphQLContext,
    @Arg('since', () => Int, { defaultValue: 0 }) since: number,
    @Arg('source', () => String, { nullable: true }) source?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ): Promise<Changeset[]> {
    const changesets = await ctx.store.changes(since, { limit: pageSize(ctx, first), ...(source ? { source } : {}) });
    return changesets.map((cs) => ({
      version: cs.version,
      committedAt: cs.committedAt,
      source: cs.source,
      actor: cs.actor,
      mode: cs.mode,
      stats: cs.stats,
      nodes: cs.changes.nodes.map((n) => ({
        ...n,
        diff: { kindFrom: n.diff.kind?.from ?? null, kindTo: n.diff.kind?.to ?? null, fieldsAdded: n.diff.fieldsAdded, fieldsRemoved: n.diff.fieldsRemoved, fieldsChanged: n.diff.fieldsChanged, changed: n.diff.changed },
      })),
      added: factChanges(cs.changes, true),
      removed: factChanges(cs.changes, false),
    }));
  }
}
