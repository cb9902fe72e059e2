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

  @Field(() => String, {
    description:
      'Why (docs/impact.md): READS_REMOVED, READS_BROKEN, READS_REMOVED_FIELD, UNKNOWN_FIELD_USAGE, READS_DEGRADED, READS_OPTIONAL_BROKEN, ALL_PRODUCERS_BROKEN, SOME_PRODUCERS_BROKEN, PRODUCER_DEGRADED.',
  })
  reason!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The node whose status decided this verdict (the one before this node on `path`): the input a computation reads, the producer of an asset.',
  })
  decidedBy!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How this computation reads `decidedBy`: REQUIRED (its failure breaks it) or OPTIONAL (degrades it); null for an asset.',
  })
  inputSemantics!: string | null;

  @Field(() => Boolean, { description: 'The evidence path takes a step on unknown field usage (UNKNOWN_FIELD_USAGE): assumed, not proven.' })
  assumesFieldUsage!: boolean;

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

  @Field(() => [ImpactedNode], { description: 'Retired or disabled rules and models (and their computations) reached: not counted in broken, degraded, counts or summary.' })
  inactive!: ImpactedNode[];

  @Field(() => Int, { description: 'Broken and degraded verdicts that rest on unknown field usage (a consumer that declares no fields it reads).' })
  assumingFieldUsage!: number;

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
