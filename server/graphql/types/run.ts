import { Field, Float, ObjectType } from 'type-graphql';
import { connectionOf } from './connection.js';

@ObjectType('Run', { simpleResolvers: true, description: 'One run of a computation, as its engine reported it.' })
export class Run {
  @Field(() => String)
  runId!: string;

  @Field(() => String, { description: 'START, RUNNING, COMPLETE, ABORT, FAIL or OTHER.' })
  state!: string;

  @Field(() => String, { nullable: true })
  startedAt!: string | null;

  @Field(() => String, { nullable: true })
  endedAt!: string | null;

  @Field(() => Float, { nullable: true, description: "Compute cost of the run, in the platform's cost unit." })
  cost!: number | null;

  computationId!: string;
  properties!: Record<string, unknown>;
  version!: number;
}

export const RunConnection = connectionOf('Run', Run);
