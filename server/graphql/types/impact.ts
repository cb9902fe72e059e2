import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ImpactMode } from './enums.js';
import type { GraphNode } from './graphNode.js';
import { NodeInterface } from './node.js';

@ObjectType('ImpactedNode', { simpleResolvers: true })
export class ImpactedNode {
  @Field(() => NodeInterface)
  node!: GraphNode;

  @Field(() => String, { description: 'BROKEN or DEGRADED.' })
  status!: string;

  @Field(() => String, { description: 'Why: READS_REMOVED, READS_BROKEN, ALL_PRODUCERS_BROKEN, SOME_PRODUCERS_BROKEN...' })
  reason!: string;

  @Field(() => Int, { description: 'Hops from the nearest root.' })
  distance!: number;

  @Field(() => [ID], { description: 'One evidence path: node ids from a root to this node, both included.' })
  path!: string[];

  @Field(() => [String])
  owners!: string[];

  @Field(() => Float, { nullable: true, description: 'Traffic over the window (evaluations, lookups); null when none is recorded.' })
  traffic!: number | null;
}

@ObjectType('ImpactRoot', { simpleResolvers: true, description: 'A node the check starts from.' })
export class ImpactRoot {
  @Field(() => NodeInterface)
  node!: GraphNode;

  @Field(() => String, { description: 'REMOVED, CUT_OFF or CHANGED.' })
  status!: string;

  @Field(() => [String], { nullable: true, description: 'The removed fields of a CHANGED asset.' })
  fields!: string[] | null;

  @Field(() => [String])
  owners!: string[];
}

@ObjectType('ImpactCount', { simpleResolvers: true, description: 'Impacted nodes of one status and kind, with their traffic.' })
export class ImpactCount {
  @Field(() => String)
  status!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Summed traffic over the window; null when none is recorded.' })
  traffic!: number | null;
}

@ObjectType('ImpactReport', { simpleResolvers: true })
export class ImpactReport {
  @Field(() => Int)
  version!: number;

  @Field(() => ImpactMode)
  mode!: ImpactMode;

  @Field(() => [ImpactRoot])
  roots!: ImpactRoot[];

  @Field(() => [ImpactedNode])
  broken!: ImpactedNode[];

  @Field(() => [ImpactedNode])
  degraded!: ImpactedNode[];

  @Field(() => [ID], { description: 'Ids that do not exist at this version.' })
  notFound!: string[];

  @Field(() => String, { description: 'For people: "14 rules broken, 3.1M evaluations/day".' })
  summary!: string;

  @Field(() => [ImpactCount])
  counts!: ImpactCount[];

  @Field(() => Boolean, { description: '`first` left impacted nodes out of broken or degraded; counts and summary include them.' })
  truncated!: boolean;

  @Field(() => String, { description: 'Start of the traffic window (ISO-8601).' })
  windowFrom!: string;

  @Field(() => String, { description: 'End of the traffic window (ISO-8601).' })
  windowTo!: string;
}
