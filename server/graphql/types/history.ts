import { Field, Int, ObjectType } from 'type-graphql';
import { DefinitionDiff } from './nodeParts.js';

@ObjectType('HistoryEntry', { simpleResolvers: true, description: 'A version of a node: when it was created, changed or deleted, by whom, and what changed.' })
export class HistoryEntry {
  @Field(() => Int)
  version!: number;

  @Field(() => String)
  committedAt!: string;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => String, { description: 'CREATED, UPDATED or DELETED.' })
  change!: string;

  @Field(() => String, { nullable: true, description: 'The kind from this version on; null when deleted.' })
  kind!: string | null;

  @Field(() => String, { nullable: true, description: 'Content hash of the definition from this version on.' })
  contentHash!: string | null;

  @Field(() => DefinitionDiff)
  diff!: DefinitionDiff;
}
