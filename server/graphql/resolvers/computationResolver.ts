import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { neighbours } from '../graphNodes.js';
import { historyOf } from '../historyOf.js';
import { metricsOf } from '../metricsOf.js';
import { codeOf, descriptionOf, ownersOf, propertiesOf, tagsOf } from '../nodeDetails.js';
import { pageOf } from '../paging.js';
import { AssetConnection, Computation } from '../types/assetAndComputation.js';
import type { Page } from '../types/connection.js';
import type { GraphNode } from '../types/graphNode.js';
import { HistoryEntry } from '../types/history.js';
import { Code, MetricPoint, Owner, Property, Tag } from '../types/nodeParts.js';
import { Run, RunConnection } from '../types/run.js';
import { pageComplexity } from '../complexity.js';

@Resolver(() => Computation)
export class ComputationResolver {
  @FieldResolver(() => String, { nullable: true })
  description(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return descriptionOf(ctx, node);
  }

  @FieldResolver(() => [Owner])
  owners(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return ownersOf(ctx, node);
  }

  @FieldResolver(() => Code, { nullable: true, description: 'Its SQL, expression or other code.' })
  definition(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return codeOf(ctx, node);
  }

  @FieldResolver(() => [Property])
  properties(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return propertiesOf(ctx, node);
  }

  @FieldResolver(() => [Tag])
  tags(@Root() node: GraphNode, @Ctx() ctx: GraphQLContext) {
    return tagsOf(ctx, node, null);
  }

  @FieldResolver(() => AssetConnection, { description: 'Assets it reads.', complexity: pageComplexity })
  inputs(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Page<GraphNode> {
    return pageOf(ctx, neighbours(ctx.index, node.id, node.version, 'in'), first, after);
  }

  @FieldResolver(() => AssetConnection, { description: 'Assets it writes.', complexity: pageComplexity })
  outputs(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Page<GraphNode> {
    return pageOf(ctx, neighbours(ctx.index, node.id, node.version, 'out'), first, after);
  }

  @FieldResolver(() => RunConnection, { description: 'Its runs, newest first.', complexity: pageComplexity })
  async runs(
    @Root() node: GraphNode,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<Run>> {
    const runs = await ctx.loaders.runs.load({ id: node.id, version: node.version });
    return pageOf(ctx, runs.map((r) => ({ ...r, version: node.version })), first, after);
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Every version of the computation, with what changed.' })
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
}
