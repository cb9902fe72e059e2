import { createRequire } from 'node:module';
import type * as MaxAliases from '@escape.tech/graphql-armor-max-aliases';
import type * as MaxDepth from '@escape.tech/graphql-armor-max-depth';
import type * as MaxDirectives from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { limitExceeded } from './errors.js';
import { maxFragmentSpreadsRule } from './fragmentSpreadLimit.js';
import type { ApiLimits } from './limits.js';

// GraphQL Armor's CommonJS builds, so that they share graphql's CommonJS build with Apollo Server
// and type-graphql (see queryComplexity.ts).
const require = createRequire(import.meta.url);
const { maxDepthRule } = require('@escape.tech/graphql-armor-max-depth') as typeof MaxDepth;
const { maxAliasesRule } = require('@escape.tech/graphql-armor-max-aliases') as typeof MaxAliases;
const { maxDirectivesRule } = require('@escape.tech/graphql-armor-max-directives') as typeof MaxDirectives;

/** Armor says what it found only in its message ("... exceeded, found 14."). */
const foundIn = (error: GraphQLError): number | undefined => {
  const match = /found (\d+)/.exec(error.message);
  return match ? Number(match[1]) : undefined;
};

/** Reports the limit's error with the value found; graphql-js's own rules bound their own work. */
function refuseWith(measure: string, limit: number, describe: (found: number | undefined) => string) {
  return (context: ValidationContext | null, found: number | undefined): void => {
    context?.reportError(limitExceeded(measure, found, limit, describe(found)));
  };
}

/**
 * The validation rules bounding an operation's shape: depth, aliases and directives (GraphQL Armor;
 * each fragment's figure is computed once, so chains of fragments spread twice cost nothing to
 * count) and fragment spreads. Tokens are limited while parsing (createApollo's parseOptions) and
 * cost once the variables are known (the guard plugin), each refused with LIMIT_EXCEEDED.
 */
export function queryLimitRules(limits: ApiLimits): ValidationRule[] {
  const depth = refuseWith('depth', limits.maxQueryDepth, (found) => `query depth ${found} exceeds the limit of ${limits.maxQueryDepth}`);
  const aliases = refuseWith('aliases', limits.maxQueryAliases, (found) => `the operation has ${found} aliases; the limit is ${limits.maxQueryAliases}`);
  const directives = refuseWith('directives', limits.maxQueryDirectives, (found) => `the operation has ${found} directives; the limit is ${limits.maxQueryDirectives}`);
  const spreads = refuseWith('fragmentSpreads', limits.maxFragmentSpreads, (found) => `the operation spreads fragments ${found} times once they are expanded; the limit is ${limits.maxFragmentSpreads}`);
  const armor = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    // __schema is left out of the depth: GraphiQL's introspection query nests 15 deep. What could
    // make it expensive, `types { fields { type { fields ... } } }` multiplying its answer at every
    // level, is bounded by graphql-js's MaxIntrospectionDepthRule (one of the specified rules
    // Apollo runs), which refuses lists of fields, interfaces and types nested more than 3 deep.
    maxDepthRule({ ...armor, n: limits.maxQueryDepth, flattenFragments: true, ignoreIntrospection: true, onReject: [(context, error) => depth(context, foundIn(error))] }),
    maxAliasesRule({ ...armor, n: limits.maxQueryAliases, onReject: [(context, error) => aliases(context, foundIn(error))] }),
    maxDirectivesRule({ ...armor, n: limits.maxQueryDirectives, onReject: [(context, error) => directives(context, foundIn(error))] }),
    maxFragmentSpreadsRule(limits.maxFragmentSpreads, spreads),
  ];
}
