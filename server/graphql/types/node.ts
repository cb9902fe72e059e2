import { Field, ID, InterfaceType } from 'type-graphql';
import type { GraphNode } from './graphNode.js';

@InterfaceType('Node', {
  description: 'An asset or a computation. Ids are opaque and stable; `__typename` tells the two apart.',
  resolveType: (value: GraphNode) => (value.type === 'ASSET' ? 'Asset' : 'Computation'),
})
export abstract class NodeInterface {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  namespace!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'TABLE, FEATURE, RULE... for assets; BATCH_JOB, RULE_EVALUATION... for computations.' })
  kind!: string;
}
