import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EdgeKind } from './enums.js';
import type { GraphNode } from './graphNode.js';
import { NodeInterface } from './node.js';

@ObjectType('LineageEdge', { simpleResolvers: true })
export class LineageEdge {
  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => EdgeKind)
  kind!: EdgeKind;
}

@ObjectType('CollapsedEdge', {
  simpleResolvers: true,
  description: 'With a kinds filter: a path from one returned node to another through hidden nodes only (the edges of a "tables -> features -> rules" drawing).',
})
export class CollapsedEdge {
  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => [ID], { description: 'The hidden computations and assets on such paths, nearest the start first.' })
  through!: string[];
}

@ObjectType('LineageDistance', { simpleResolvers: true, description: 'How many hops a node is from the start (asset to computation is one hop).' })
export class LineageDistance {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  distance!: number;
}

@ObjectType('FieldRef', { simpleResolvers: true })
export class FieldRef {
  @Field(() => ID, { description: 'The asset.' })
  id!: string;

  @Field(() => String, { description: "The field; '' for the asset as a whole." })
  field!: string;
}

@InputType('FieldRefInput')
export class FieldRefInput {
  @Field(() => ID, { description: 'The asset.' })
  id!: string;

  @Field(() => String, { description: "The field; '' for the asset as a whole." })
  field!: string;
}

@ObjectType('LineageField', { simpleResolvers: true })
export class LineageField extends FieldRef {
  @Field(() => Int)
  distance!: number;
}

@ObjectType('FieldEdge', { simpleResolvers: true, description: 'An input field feeding an output field through a computation.' })
export class FieldEdge {
  @Field(() => ID)
  computation!: string;

  @Field(() => FieldRef)
  input!: FieldRef;

  @Field(() => FieldRef)
  output!: FieldRef;

  @Field(() => String, { description: 'DIRECT or INDIRECT (OpenLineage).' })
  transformationType!: string;

  @Field(() => String, { description: 'IDENTITY, TRANSFORMATION, AGGREGATION, FILTER, JOIN... or empty.' })
  subtype!: string;

  @Field(() => Boolean)
  masking!: boolean;
}

@ObjectType('Lineage', { simpleResolvers: true, description: 'The subgraph reached from a node, with what cut it short.' })
export class Lineage {
  @Field(() => Int, { description: 'The graph version the result reflects.' })
  version!: number;

  @Field(() => [NodeInterface])
  nodes!: GraphNode[];

  @Field(() => [LineageEdge])
  edges!: LineageEdge[];

  @Field(() => [LineageDistance])
  distances!: LineageDistance[];

  @Field(() => [CollapsedEdge], {
    nullable: true,
    description: 'With kinds: returned nodes joined through hidden ones, so that nodes, edges and these reach each other as in the unfiltered lineage; null without kinds.',
  })
  collapsedEdges!: CollapsedEdge[] | null;

  @Field(() => [LineageField], { nullable: true, description: 'With fieldLevel: the fields reached.' })
  fields!: LineageField[] | null;

  @Field(() => [FieldEdge], { nullable: true, description: 'With fieldLevel: the field edges between them.' })
  fieldEdges!: FieldEdge[] | null;

  @Field(() => Boolean, { description: 'True when a cap (depth or result size) cut the walk short of what was asked.' })
  truncated!: boolean;

  @Field(() => String, { nullable: true, description: 'DEPTH_CAP, MAX_NODES, or COLLAPSE_BUDGET (collapsing hidden nodes took more work than the walk size allows: collapsedEdges is partial) when truncated.' })
  truncatedReason!: string | null;

  @Field(() => Boolean, { description: 'The requested depth stopped the walk where the graph goes on.' })
  moreBeyondDepth!: boolean;
}
