import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('FeatureRef', { simpleResolvers: true })
export class FeatureRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('ModelInputs', { simpleResolvers: true, description: 'A model the rule reads, with the features it takes.' })
export class ModelInputs {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [FeatureRef])
  inputs!: FeatureRef[];
}

@ObjectType('RuleFeatures', { simpleResolvers: true, description: 'Which features feed a rule, precomputed for decision time.' })
export class RuleFeatures {
  @Field(() => FeatureRef)
  rule!: FeatureRef;

  @Field(() => Int, { description: 'The graph version the answer reflects.' })
  version!: number;

  @Field(() => [FeatureRef], { description: 'Features the rule reads itself.' })
  direct!: FeatureRef[];

  @Field(() => [FeatureRef], { description: 'Every feature upstream: through models and features derived from features (direct ones included).' })
  transitive!: FeatureRef[];

  @Field(() => [ModelInputs])
  models!: ModelInputs[];
}
