import { Field, Int, ObjectType } from 'type-graphql';
import { ChangeStats } from './changes.js';

@ObjectType('GraphVersion', { simpleResolvers: true, description: "A graph version and the changeset that made it, without its changes (see `changes` for those)." })
export class GraphVersion {
  @Field(() => Int)
  version!: number;

  @Field(() => String)
  committedAt!: string;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => String, { description: 'full or delta.' })
  mode!: string;

  @Field(() => ChangeStats)
  stats!: ChangeStats;
}
