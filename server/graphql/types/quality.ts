import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType('QualityResult', { simpleResolvers: true, description: 'One result of a check on an asset or one of its fields (docs/quality.md).' })
export class QualityResult {
  @Field(() => String, { description: "'' for the asset itself." })
  field!: string;

  @Field(() => String)
  check!: string;

  @Field(() => String, { description: 'dbt:<project>, openlineage, quality:<name>.' })
  source!: string;

  @Field(() => String, { description: 'ISO-8601 time the check ran.' })
  observedAt!: string;

  @Field(() => String, { description: 'pass, fail, warn, error or measured.' })
  outcome!: string;

  @Field(() => String, { nullable: true, description: 'What the check saw, as JSON text.' })
  observed!: string | null;

  @Field(() => String, { nullable: true, description: 'What it expected, as JSON text.' })
  expected!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => String, { nullable: true })
  runId!: string | null;
}

@ObjectType('Freshness', { simpleResolvers: true, description: 'An asset\'s expected refresh interval and lateness at a time (docs/quality.md).' })
export class Freshness {
  @Field(() => Float, { nullable: true, description: 'Expected interval between successful writes, in seconds; null when unknown.' })
  expectedIntervalSeconds!: number | null;

  @Field(() => String, { nullable: true, description: 'TAG, DECLARED (risk catalog, dbt source freshness) or LEARNED (run history).' })
  origin!: string | null;

  @Field(() => String, { nullable: true, description: 'End of the latest successful write (ISO-8601).' })
  lastSuccessfulWrite!: string | null;

  @Field(() => String, { nullable: true })
  dueAt!: string | null;

  @Field(() => Float, { nullable: true, description: 'Seconds past due (0 before); null when unknown.' })
  lateBySeconds!: number | null;

  @Field(() => Boolean, { description: 'Past due by more than a quarter of the interval.' })
  late!: boolean;

  @Field(() => Int, { description: 'Intervals between successful writes seen.' })
  samples!: number;
}
