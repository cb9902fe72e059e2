import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CostSplit, UnattributedReason } from './enums.js';
import type { GraphNode } from './graphNode.js';
import { NodeInterface } from './node.js';

@ObjectType('CostContributor', { simpleResolvers: true })
export class CostContributor {
  @Field(() => NodeInterface)
  node!: GraphNode;

  @Field(() => Float, { description: "The part of this contributor's own cost that reaches the terminal." })
  cost!: number;
}

@ObjectType('AttributedCost', { simpleResolvers: true, description: 'A terminal consumer and the cost that flows into it.' })
export class AttributedCost {
  @Field(() => NodeInterface)
  node!: GraphNode;

  @Field(() => Float, { description: 'Its own cost plus everything that reaches it from upstream.' })
  attributedCost!: number;

  @Field(() => Float)
  ownCost!: number;

  @Field(() => Float, { nullable: true, description: 'Rule evaluations in the window.' })
  evaluations!: number | null;

  @Field(() => Float, { nullable: true, description: 'attributedCost per 1,000 evaluations (rules with evaluations).' })
  costPer1000Evaluations!: number | null;

  @Field(() => [CostContributor], { description: 'Largest contributors first, when breakdownTop > 0.' })
  breakdown!: CostContributor[];

  @Field(() => UnattributedReason, { nullable: true, description: 'Unattributed items: why the cost stops here; null for rules, models and services.' })
  reason!: UnattributedReason | null;
}

@ObjectType('CostAttribution', { simpleResolvers: true })
export class CostAttributionReport {
  @Field(() => Int)
  version!: number;

  @Field(() => CostSplit)
  split!: CostSplit;

  @Field(() => String)
  windowFrom!: string;

  @Field(() => String)
  windowTo!: string;

  @Field(() => Float, { description: 'Own cost of every node valid at the version.' })
  totalCost!: number;

  @Field(() => Float)
  attributedTotal!: number;

  @Field(() => Float)
  unattributedTotal!: number;

  @Field(() => [AttributedCost], { description: 'Rules, models and services, most expensive first.' })
  attributed!: AttributedCost[];

  @Field(() => [AttributedCost], { description: 'Other terminals: cost that serves no rule, model or service.' })
  unattributed!: AttributedCost[];
}

@ObjectType('DecommissionCandidate', { simpleResolvers: true })
export class DecommissionCandidate {
  @Field(() => NodeInterface)
  node!: GraphNode;

  @Field(() => String, { description: 'NO_CONSUMER, ZERO_TRAFFIC or FEEDS_ONLY_CANDIDATES.' })
  reason!: string;

  @Field(() => Float)
  ownCost!: number;

  @Field(() => Float, { description: 'Own cost plus that of everything upstream serving only this candidate.' })
  savings!: number;

  @Field(() => [String], { description: 'Ids of upstream nodes that go with it.' })
  upstream!: string[];

  @Field(() => Float, { nullable: true, description: 'Its uses in the window (every traffic metric of its kind); null when unknown, never read as zero.' })
  traffic!: number | null;
}

@ObjectType('DecommissionReport', { simpleResolvers: true })
export class DecommissionReport {
  @Field(() => Int)
  version!: number;

  @Field(() => String)
  windowFrom!: string;

  @Field(() => String)
  windowTo!: string;

  @Field(() => Float)
  totalSavings!: number;

  @Field(() => [DecommissionCandidate], { description: 'The first `first` candidates, largest savings first.' })
  candidates!: DecommissionCandidate[];

  @Field(() => Int, { description: 'How many candidates there are in all (totalSavings covers them all).' })
  totalCount!: number;

  @Field(() => Boolean, { description: 'True when `candidates` lists fewer than totalCount.' })
  truncated!: boolean;
}
