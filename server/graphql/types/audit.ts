import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { GraphNode } from './graphNode.js';
import { NodeInterface } from './node.js';

@ObjectType('PathStep', { simpleResolvers: true, description: "A node on an evidence path, at a field ('' for a computation or a whole asset)." })
export class PathStep {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  field!: string;
}

@ObjectType('TagOrigin', { simpleResolvers: true, description: 'Where a tag was declared, and one path by which it reaches the consumer.' })
export class TagOrigin {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  field!: string;

  @Field(() => [PathStep])
  path!: PathStep[];
}

@ObjectType('ConsumedTag', { simpleResolvers: true })
export class ConsumedTag {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;

  @Field(() => [String], { description: "The consumer's fields it is on ('' for the node as a whole)." })
  fields!: string[];

  @Field(() => Boolean, { nullable: true, description: "Whether the consumer's purposes may use it; null when no policy restricts it or the sink declares no purpose." })
  allowed!: boolean | null;

  @Field(() => [TagOrigin])
  origins!: TagOrigin[];
}

@ObjectType('AuditConsumer', { simpleResolvers: true, description: 'A consumer of tagged data: a rule, model or service, a sink, or a node declaring a purpose.' })
export class AuditConsumer {
  @Field(() => NodeInterface)
  node!: GraphNode;

  @Field(() => String, { description: 'TERMINAL, SINK or DECLARED_PURPOSE.' })
  role!: string;

  @Field(() => [String])
  purposes!: string[];

  @Field(() => String, { description: 'ALLOWED, VIOLATION, UNDECLARED or UNRESTRICTED.' })
  verdict!: string;

  @Field(() => [ConsumedTag])
  tags!: ConsumedTag[];
}

@ObjectType('PolicyViolation', { simpleResolvers: true })
export class PolicyViolation {
  @Field(() => String, { description: 'PURPOSE_NOT_ALLOWED or NO_PURPOSE.' })
  kind!: string;

  @Field(() => NodeInterface)
  consumer!: GraphNode;

  @Field(() => String, { nullable: true, description: 'The purpose not allowed; null for NO_PURPOSE.' })
  purpose!: string | null;

  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;

  @Field(() => [String], { description: 'The policy entries (tags) that restrict it.' })
  policies!: string[];

  @Field(() => [String])
  allowedPurposes!: string[];

  @Field(() => [TagOrigin], { description: 'Each origin of the tag with an evidence path to the consumer.' })
  origins!: TagOrigin[];
}

@ObjectType('PolicyRule', { simpleResolvers: true })
export class PolicyRule {
  @Field(() => String, { description: 'key or key=value.' })
  tag!: string;

  @Field(() => [String])
  allowedPurposes!: string[];
}

@ObjectType('ComplianceAudit', { simpleResolvers: true, description: 'Every consumer of tagged data and every policy violation, at one graph version: reproducible with the same asOf and policy.' })
export class ComplianceAudit {
  @Field(() => Int, { description: 'The graph version audited.' })
  version!: number;

  @Field(() => String, { description: 'sha256 of the policy applied (canonical JSON).' })
  policyHash!: string;

  @Field(() => [String], { description: 'Tag keys that propagated.' })
  propagate!: string[];

  @Field(() => [PolicyRule])
  policies!: PolicyRule[];

  @Field(() => [AuditConsumer])
  consumers!: AuditConsumer[];

  @Field(() => [PolicyViolation])
  violations!: PolicyViolation[];

  @Field(() => String, { description: 'For people: counts by verdict.' })
  summary!: string;
}
