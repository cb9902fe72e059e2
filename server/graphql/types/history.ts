import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DefinitionDiff } from './nodeParts.js';

@ObjectType('ValueChange', { simpleResolvers: true, description: 'A value of the definition that changed, as canonical JSON before and after (null when absent).' })
export class ValueChange {
  @Field(() => String, { description: '`description`, `code`, `owners`, `kind`, `properties.<key>` or `fields.<name>`.' })
  path!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

@ObjectType('EdgeChange', { simpleResolvers: true, description: "An edge a version added or removed around the node: its own, or a read of one of its producers." })
export class EdgeChange {
  @Field(() => String, { description: 'ADDED or REMOVED.' })
  change!: string;

  @Field(() => String, { description: 'READS or WRITES.' })
  kind!: string;

  @Field(() => ID)
  fromId!: string;

  @Field(() => String, { description: 'namespace/name of the edge source.' })
  from!: string;

  @Field(() => ID)
  toId!: string;

  @Field(() => String, { description: 'namespace/name of the edge target.' })
  to!: string;
}

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

  @Field(() => String, { description: 'CREATED, UPDATED, DELETED, or EDGES_CHANGED (the definition stayed; edges around the node changed).' })
  change!: string;

  @Field(() => String, { nullable: true, description: 'The kind from this version on; null when deleted.' })
  kind!: string | null;

  @Field(() => String, { nullable: true, description: 'Content hash of the definition from this version on.' })
  contentHash!: string | null;

  @Field(() => DefinitionDiff)
  diff!: DefinitionDiff;

  @Field(() => [ValueChange], { description: 'What each changed value was and became.' })
  values!: ValueChange[];

  @Field(() => [EdgeChange], { description: "Edges added or removed in this version: the node's own and its producers' reads (a feature moving from a table to a stream)." })
  edges!: EdgeChange[];

  @Field(() => Int, { description: 'How many edges changed in this version; `edges` lists at most 200.' })
  edgesTotal!: number;
}
