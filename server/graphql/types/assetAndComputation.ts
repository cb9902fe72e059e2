import { Field, Int, ObjectType } from 'type-graphql';
import type { NodeType } from '../../../graph-model/model.js';
import { connectionOf } from './connection.js';
import { NodeInterface } from './node.js';

@ObjectType('Asset', { simpleResolvers: true, implements: NodeInterface, description: 'Holds data or logic others consume: a table, stream, feature, model, rule, service...' })
export class Asset extends NodeInterface {
  type!: NodeType;

  @Field(() => Int, { description: 'The graph version this view of the asset reflects.' })
  version!: number;
}

@ObjectType('Computation', { simpleResolvers: true, implements: NodeInterface, description: 'Reads assets and writes assets: a job, a query, a feature pipeline, a rule evaluation...' })
export class Computation extends NodeInterface {
  type!: NodeType;

  @Field(() => Int, { description: 'The graph version this view of the computation reflects.' })
  version!: number;
}

export const NodeConnection = connectionOf('Node', NodeInterface);
export const AssetConnection = connectionOf('Asset', Asset);
export const ComputationConnection = connectionOf('Computation', Computation);
