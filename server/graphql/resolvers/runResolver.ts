import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { findNode } from '../graphNodes.js';
import { Computation } from '../types/assetAndComputation.js';
import { Property } from '../types/nodeParts.js';
import { Run } from '../types/run.js';

@Resolver(() => Run)
export class RunResolver {
  @FieldResolver(() => Computation, { nullable: true, description: 'The computation that ran.' })
  computation(@Root() run: Run, @Ctx() ctx: GraphQLContext) {
    return findNode(ctx.index, run.computationId, run.version);
  }

  @FieldResolver(() => [Property], {
    description:
      'What the engine said about the run: inputs, outputs, errorMessage, parent, processingEngine, dataQuality (OpenLineage run and input facets); values are JSON text.',
  })
  properties(@Root() run: Run): Property[] {
    return Object.keys(run.properties)
      .sort()
      .map((key) => ({ key, value: JSON.stringify(run.properties[key]) }));
  }
}
