import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * Typed GraphQL documents: gql.tada reads the schema's introspection (generated from the root
 * schema.graphql by `npm run web:codegen`, which typecheck runs first), so a query naming a field
 * the schema no longer has, or reading one whose type changed, fails `npm run typecheck`.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { AsOf: number | string };
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';
