import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { neighbours } from '../graphNodes.js';
import { historyOf } from '../historyOf.js';
import { metricsOf } from '../metricsOf.js';
import { codeOf, descriptionOf, fieldsOf, ownersOf, propertiesOf, tagsOf } from '../nodeDetails.js';
import { pageOf } from '../paging.js';
import { Asset, ComputationConnection } from '../types/assetAndComputation.js';
import type { Page } from '../types/connection.js';
import type { GraphNode } from '../types/graphNode.js';
import { HistoryEntry } from '../types/history.js';
import { AssetField, Code, MetricPoint, Owner, Property, Tag } from '../types/nodeParts.js';
import { Run, RunConnection } from '../types/run.js';
import { pageComplexity } from '../complexity.js';
import { Freshness, QualityResult } from '../types/quality.js';
import { readFreshness } from '../../../graph-model/quality/freshness.js';
import { parseTimestamp } from '../../../graph-model/timestamp.js';
import { GraphQLError } from 'graphql';

@Resolver(() => Asset)
export class AssetResolver {
  @FieldResolver(() => String, { nullable: true })
  description(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return descriptionOf(ctx, node);
  }

  @FieldResolver(() => [Owner])
  owners(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return ownersOf(ctx, node);
  }

  @FieldResolver(() => [AssetField])
  fields(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return fieldsOf(ctx, node);
  }

  @FieldResolver(() => [Tag], { description: 'Tags on the asset itself and on its fields.' })
  tags(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return tagsOf(ctx, node, null);
  }

  @FieldResolver(() => Code, { nullable: true, description: 'A view query, a rule or feature expression, when the asset has one.' })
  code(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return codeOf(ctx, node);
  }

  @FieldResolver(() => [Property])
  properties(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return propertiesOf(ctx, node);
  }

  @FieldResolver(() => ComputationConnection, { description: 'Computations that write the asset.', complexity: pageComplexity })
  producers(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Page<GraphNode> {
    return pageOf(ctx, neighbours(ctx.index, node.id, node.version, 'in'), first, after);
  }

  @FieldResolver(() => ComputationConnection, { description: 'Computations that read the asset.', complexity: pageComplexity })
  consumers(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Page<GraphNode> {
    return pageOf(ctx, neighbours(ctx.index, node.id, node.version, 'out'), first, after);
  }

  @FieldResolver(() => RunConnection, { description: "Runs of the asset's producers, newest first.", complexity: pageComplexity })
  async runs(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Run>> {
    const producers = neighbours(ctx.index, node.id, node.version, 'in');
    const runs = (await Promise.all(producers.map((p) => ctx.loaders.runs.load({ id: p.id, version: node.version })))).flat();
    runs.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || a.runId.localeCompare(b.runId));
    return pageOf(ctx, runs.map((r) => ({ ...r, version: node.version })), first, after);
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Every version of the asset, with what changed.' })
  versions(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return historyOf(ctx, node.id);
  }

  @FieldResolver(() => [MetricPoint], { description: 'Measurements in a window (default: the last 7 days).' })
  metrics(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('metric', () => String, { nullable: true }) metric?: string,
    @Arg('from', () => String, { nullable: true }) from?: string,
    @Arg('to', () => String, { nullable: true }) to?: string,
  ) {
    return metricsOf(ctx, node, { metric, from, to });
  }

  @FieldResolver(() => [QualityResult], { description: 'Quality results of the asset (or of one field: "" for the asset itself), newest first: the history of each check.' })
  async qualityResults(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('field', () => String, { nullable: true }) field?: string,
    @Arg('check', () => String, { nullable: true }) check?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first?: number,
  ): Promise<QualityResult[]> {
    const limit = Math.min(Math.max(first ?? 100, 0), 1000);
    const results = await ctx.store.qualityResults(node.id, { ...(field !== undefined && field !== null ? { field } : {}), ...(check ? { check } : {}), limit });
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    return results.map((r) => ({ ...r, observed: json(r.observed), expected: json(r.expected) }));
  }

  @FieldResolver(() => Freshness, { description: 'Expected refresh interval, its origin, the last successful write and the lateness at `at` (default now).' })
  async freshness(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext, @Arg('at', () => String, { nullable: true }) at?: string): Promise<Freshness> {
    let now = new Date().toISOString();
    if (at) {
      const time = parseTimestamp(at);
      if (!time.ok) throw new GraphQLError(`at ${time.reason}`, { extensions: { code: 'BAD_USER_INPUT' } });
      now = time.iso;
    }
    const [f] = await readFreshness(ctx.store, [node.id], now);
    return {
      expectedIntervalSeconds: f!.expectedIntervalMs === null ? null : f!.expectedIntervalMs / 1000,
      origin: f!.origin,
      lastSuccessfulWrite: f!.lastSuccessfulWrite,
      dueAt: f!.dueAt,
      lateBySeconds: f!.lateByMs === null ? null : f!.lateByMs / 1000,
      late: f!.late,
      samples: f!.samples,
    };
  }
}
