import 'reflect-metadata';
import { isInterfaceType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AnalysisQueries } from './resolvers/analysisQueries.js';
import { AuditQueries } from './resolvers/auditQueries.js';
import { AlertQueries } from './resolvers/alertQueries.js';
import { AssetResolver } from './resolvers/assetResolver.js';
import { ComputationResolver } from './resolvers/computationResolver.js';
import { DecisionQueries } from './resolvers/decisionQueries.js';
import { NodeQueries } from './resolvers/nodeQueries.js';
import { RunResolver } from './resolvers/runResolver.js';
import { VersionQueries } from './resolvers/versionQueries.js';
import { Asset, Computation } from './types/assetAndComputation.js';
import type { GraphNode } from './types/graphNode.js';

let built: Promise<GraphQLSchema> | null = null;

/**
 * The GraphQL schema, built once from the type-graphql classes. Object types declare
 * `simpleResolvers`: their plain fields are read by graphql-js's default resolver instead of a
 * type-graphql wrapper per field (no middlewares here), which matters on lineage results of
 * thousands of nodes and edges.
 */
export function graphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [NodeQueries, AnalysisQueries, AuditQueries, DecisionQueries, AssetResolver, ComputationResolver, RunResolver, VersionQueries, AlertQueries],
    // Asset and Computation are reached only through the Node interface in some queries.
    orphanedTypes: [Asset, Computation],
    validate: false,
  }).then(withSynchronousNodeType);
  return built;
}

/**
 * type-graphql wraps an interface's resolveType in an async function, so every element of a list
 * of Node (a lineage of thousands of nodes) would complete through its own promise. Which type a
 * node is needs no waiting: its node type says it.
 */
function withSynchronousNodeType(schema: GraphQLSchema): GraphQLSchema {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) throw new Error('the schema has no Node interface');
  node.resolveType = (value: unknown) => ((value as GraphNode).type === 'ASSET' ? 'Asset' : 'Computation');
  return schema;
}

/** The schema as committed in schema.graphql: sorted, so the file changes only when the API does. */
export async function printedSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await graphqlSchema())) + '\n';
}
