import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, clientError } from '../errors.js';
import { RuleFeatures } from '../types/ruleFeatures.js';

@Resolver()
export class DecisionQueries {
  @Query(() => RuleFeatures, {
    description: "The features that feed a rule (direct, and transitive through models and derived features), precomputed at the latest graph version.",
  })
  featuresForRule(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('transitive', () => Boolean, { defaultValue: true, description: 'false leaves `transitive` empty.' }) transitive: boolean,
  ): RuleFeatures {
    if (!ctx.ruleFeatures) throw new Error('the decision-time index is not loaded in this server');
    const answer = ctx.ruleFeatures.featuresForRule(id);
    if (!answer) throw clientError(ErrorCode.NOT_FOUND, `no rule ${id} at graph version ${ctx.index.version}`, { argument: 'id' });
    return {
      rule: answer.rule,
      version: answer.version,
      direct: [...answer.direct],
      transitive: transitive ? [...answer.transitive] : [],
      models: answer.models.map((m) => ({ ...m, inputs: [...m.inputs] })),
    };
  }
}
