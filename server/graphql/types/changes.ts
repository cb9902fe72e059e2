import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DefinitionDiff } from './nodeParts.js';

@ObjectType('NodeChange', { simpleResolvers: true })
export class NodeChange {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'ASSET or COMPUTATION.' })
  type!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'CREATED, UPDATED or DELETED.' })
  change!: string;

  @Field(() => DefinitionDiff)
  diff!: DefinitionDiff;
}

@ObjectType('FactChange', { simpleResolvers: true, description: 'An edge or a tag that started or ended in a changeset.' })
export class FactChange {
  @Field(() => String, { description: 'READS, WRITES or TAG.' })
  kind!: string;

  @Field(() => ID)
  from!: string;

  @Field(() => ID, { nullable: true })
  to!: string | null;

  @Field(() => String, { nullable: true, description: 'For a tag: key=value (and its field as field:key=value).' })
  label!: string | null;
}

@ObjectType('ChangeStats', { simpleResolvers: true })
export class ChangeStats {
  @Field(() => Int) nodesCreated!: number;
  @Field(() => Int) nodesUpdated!: number;
  @Field(() => Int) nodesDeleted!: number;
  @Field(() => Int) edgesAdded!: number;
  @Field(() => Int) edgesRemoved!: number;
  @Field(() => Int) fieldEdgesAdded!: number;
  @Field(() => Int) fieldEdgesRemoved!: number;
  @Field(() => Int) tagsAdded!: number;
  @Field(() => Int) tagsRemoved!: number;
  @Field(() => Int) runsRecorded!: number;
}

@ObjectType('GraphVersion', { simpleResolvers: true, description: 'A graph version and the changeset that made it, without its changes (see `changes` for those).' })
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

@ObjectType('Changeset', { simpleResolvers: true, description: 'One atomic write to the graph, numbered by the graph version it created.' })
export class Changeset extends GraphVersion {
  @Field(() => [NodeChange])
  nodes!: NodeChange[];

  @Field(() => [FactChange], { description: 'Edges and tags added.' })
  added!: FactChange[];

  @Field(() => [FactChange], { description: 'Edges and tags removed.' })
  removed!: FactChange[];
}
