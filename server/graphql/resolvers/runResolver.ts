import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { findNode } from '../graphNodes.js';
import { Computation } from '../types/assetAndComputation.js';
import { Run } from '../types/run.js';

@Resolver(() => Run)
export class RunResolver {
  @FieldResolver(() => Computation, { nullable: true, description: 'The computation that ran.' })
  computation(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return findNode(ctx.index, run.computationId, run.version);
  }
}
