import fc from 'fast-check';
import { getNamedType, isNonNullType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseTokens } from '../../../server/auth/parseTokens.js';
import { TokenRegistry } from '../../../server/auth/tokenRegistry.js';
import { scopedFields } from '../../../server/graphql/fieldScopes.js';
import { graphqlSchema } from '../../../server/graphql/schema.js';
import { gql, useRiskService } from './graphqlClient.js';

const schema = await graphqlSchema();
const scoped = scopedFields(schema);
const scopes = [...new Set(scoped.map((f) => f.scope))];
const secretOf = (name: string) => `${name}-secret-0123456789abcdef`;

/** A selection wrapped in one more layer, with the fragment definitions it needs. */
interface Wrapped {
  text: string;
  fragments: string[];
  /** Whether a directive on the way keeps the field from running (`@include(if: false)`, `@skip(if: true)`). */
  excluded: boolean;
}

const directive = fc.constantFrom(
  { text: '', excludes: false },
  { text: '@include(if: true)', excludes: false },
  { text: '@skip(if: false)', excludes: false },
  { text: '@include(if: $yes)', excludes: false },
  { text: '@skip(if: $no)', excludes: false },
  { text: '@include(if: false)', excludes: true },
  { text: '@skip(if: true)', excludes: true },
);

/** One layer around a selection of Query: inline fragments with or without a type, a named fragment, siblings. */
function layer(inner: Wrapped, kind: 'inline' | 'untyped' | 'named' | 'siblings', d: { text: string; excludes: boolean }, n: number): Wrapped {
  const excluded = inner.excluded || (kind !== 'siblings' && d.excludes);
  switch (kind) {
    case 'inline':
      return { text: `... on Query ${d.text} { ${inner.text} }`, fragments: inner.fragments, excluded };
    case 'untyped':
      return { text: `... ${d.text} { ${inner.text} }`, fragments: inner.fragments, excluded };
    case 'named':
      return { text: `...W${n} ${d.text}`, fragments: [...inner.fragments, `fragment W${n} on Query { ${inner.text} }`], excluded };
    case 'siblings':
      return { text: `graphVersion ${inner.text} changes(first: 1) { version }`, fragments: inner.fragments, excluded: inner.excluded };
  }
}

/** A whole operation running `field` somewhere inside random wrappings, aliased or not, with directives. */
function operationAround(field: string): fc.Arbitrary<{ query: string; excluded: boolean }> {
  const layers = fc.array(fc.tuple(fc.constantFrom('inline' as const, 'untyped' as const, 'named' as const, 'siblings' as const), directive), { maxLength: 5 });
  return fc.tuple(fc.option(fc.constantFrom('a', 'x', field), { nil: undefined }), directive, layers, fc.boolean()).map(([alias, onField, wraps, twice]) => {
    let wrapped: Wrapped = { text: `${alias ? `${alias}: ` : ''}${field} ${onField.text} { __typename }`, fragments: [], excluded: onField.excludes };
    wraps.forEach(([kind, d], i) => (wrapped = layer(wrapped, kind, d, i)));
    // The same wrapping spread twice: still one field to check.
    const body = twice ? `${wrapped.text} ${wrapped.text}` : wrapped.text;
    const text = [body, ...wrapped.fragments].join(' ');
    const variables = [text.includes('$yes') ? '$yes: Boolean = true' : '', text.includes('$no') ? '$no: Boolean = false' : ''].filter(Boolean);
    const header = variables.length > 0 ? `query Wrapped(${variables.join(', ')})` : 'query Wrapped';
    return { query: `${header} { ${body} } ${wrapped.fragments.join(' ')}`, excluded: wrapped.excluded };
  });
}

describe('scoped fields are refused without their scope however the operation is written [pglite]', () => {
  const tokens = scopes.flatMap((scope) => [`lacks-${scope}:read:${secretOf(`lacks-${scope}`)}`, `has-${scope}:read+${scope}:${secretOf(`has-${scope}`)}`]);
  const risk = useRiskService({ tokens: new TokenRegistry(parseTokens(tokens.join(','))) });

  it('declares the audit query as needing the audit scope, and only root fields of Query as scoped', () => {
    expect(scoped).toContainEqual({ type: 'Query', field: 'audit', scope: 'audit' });
    // The wrappings below are of Query selections; a scoped field elsewhere needs a path to it here.
    for (const f of scoped) expect(f.type).toBe('Query');
  });

  for (const { field, scope } of scoped) {
    it(`${field}: FORBIDDEN for a token without ${scope} in every wrapping, answered for a token with it`, async () => {
      const definition = schema.getQueryType()!.getFields()[field]!;
      expect(definition.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined)).toEqual([]);
      const returns = getNamedType(definition.type).name;
      await fc.assert(
        fc.asyncProperty(operationAround(field), async ({ query, excluded }) => {
          const lacking = await gql(risk.service().base, query, {}, { authorization: `Bearer ${secretOf(`lacks-${scope}`)}` });
          expect({ status: lacking.status, code: lacking.body.errors?.[0]?.extensions?.code, data: lacking.body.data }).toEqual({ status: 403, code: 'FORBIDDEN', data: undefined });
          expect(lacking.body.errors[0].message).toContain(`${field} needs a token with the ${scope} scope`);
          const having = await gql(risk.service().base, query, {}, { authorization: `Bearer ${secretOf(`has-${scope}`)}` });
          expect({ status: having.status, errors: having.body.errors }).toEqual({ status: 200, errors: undefined });
          // The field ran unless a directive on the way excluded it.
          expect(JSON.stringify(having.body.data).includes(`"__typename":"${returns}"`)).toBe(!excluded);
        }),
        { numRuns: 30 },
      );
    });
  }
});
