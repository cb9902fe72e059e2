import fc from 'fast-check';
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../server/graphql/limits.js';
import { gql, refused, useRiskService, type GraphQLAnswer } from './graphqlClient.js';
import { ids } from './riskGraph.js';

/** `fragment F{i} on Query { ...F{i-1} ...F{i-1} }`: each fragment doubles the one before, F0 holds one field. */
function doublingFragments(count: number): string {
  const defs = ['fragment F0 on Query { graphVersion }'];
  for (let i = 1; i <= count; i++) defs.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `{ ...F${count} }\n${defs.join('\n')}`;
}

/** The answer to `query` and how long it took, with /healthz asked while it was in flight and answered within 2 s. */
async function alongsideHealth(base: string, query: string): Promise<{ answer: GraphQLAnswer; ms: number }> {
  const started = performance.now();
  const answer = gql(base, query).then((a) => ({ answer: a, ms: performance.now() - started }));
  const health = fetch(`${base}/healthz`).then((res) => ({ status: res.status, ms: performance.now() - started }));
  const [a, h] = await Promise.all([answer, health]);
  expect(h.status).toBe(200);
  // Generous for a loaded 2-core machine: before the fix a 30-fragment query blocked every request for minutes.
  expect(h.ms).toBeLessThan(2_000);
  return a;
}

const limitOf = (answer: GraphQLAnswer) => refused(answer, 400, 'LIMIT_EXCEEDED');

describe('GraphQL query limits over HTTP [pglite]', () => {
  const risk = useRiskService({ limits: DEFAULT_LIMITS });
  const base = () => risk.service().base;

  it('refuses 25 and 40 doubling fragments at once (2^26 and 2^41 spreads), and answers /healthz meanwhile', async () => {
    for (const count of [25, 40]) {
      const { answer, ms } = await alongsideHealth(base(), doublingFragments(count));
      const error = limitOf(answer);
      // F{i} spreads 2^(i+1) - 2 fragments once expanded; the operation adds its own spread of F{count}.
      expect(error.extensions).toMatchObject({ measure: 'fragmentSpreads', limit: DEFAULT_LIMITS.maxFragmentSpreads, value: 2 ** (count + 1) - 1 });
      expect(error.message).toMatch(/spreads fragments \d+ times/);
      // Before the fix 25 fragments took 2.9 s and 40 would have taken days: generous for a loaded machine.
      expect(ms).toBeLessThan(2_000);
    }
  });

  it('refuses too many aliases, directives and tokens, and too deep a query through fragments, naming limit and value', async () => {
    const aliases = limitOf(await gql(base(), `{ ${Array.from({ length: 51 }, (_, i) => `a${i}: graphVersion`).join(' ')} }`));
    expect(aliases.extensions).toMatchObject({ measure: 'aliases', limit: 50, value: 51 });
    // Aliases inside a fragment count every time it is spread.
    const spreadAliases = limitOf(await gql(base(), `{ ...A ...B } fragment A on Query { ${Array.from({ length: 26 }, (_, i) => `a${i}: graphVersion`).join(' ')} } fragment B on Query { ...A }`));
    expect(spreadAliases.extensions).toMatchObject({ measure: 'aliases', value: 52 });
    const directives = limitOf(await gql(base(), `{ ${'... @include(if: true) { graphVersion } '.repeat(51)} }`));
    expect(directives.extensions).toMatchObject({ measure: 'directives', limit: 50, value: 51 });
    const tokens = limitOf(await gql(base(), `{ ${'graphVersion '.repeat(2_000)} }`));
    expect(tokens.extensions).toEqual({ code: 'LIMIT_EXCEEDED', measure: 'tokens', limit: 2_000 });
    expect(tokens.message).toMatch(/more than 2000 tokens/);
    // Depth counts fields, not the fragments between them: 14 levels, most of them in fragments.
    const deep = limitOf(
      await gql(
        base(),
        `{ node(id: "${ids.x}") { ...P } }
         fragment P on Asset { producers { nodes { ... on Computation { inputs { nodes { ...Q } } } } } }
         fragment Q on Asset { producers { nodes { inputs { nodes { producers { nodes { inputs { nodes { id } } } } } } } } }`,
      ),
    );
    expect(deep.extensions).toMatchObject({ measure: 'depth', limit: 12, value: 14 });
  });

  it('refuses an operation over the complexity library\'s node cap with LIMIT_EXCEEDED, not INTERNAL', async () => {
    // 120 fields spread 90 times: 10,890 selections once expanded, within every other limit.
    const query = `{ ${'...F '.repeat(90)} } fragment F on Query { ${'graphVersion '.repeat(120)} }`;
    const error = limitOf(await gql(base(), query));
    expect(error.extensions).toEqual({ code: 'LIMIT_EXCEEDED', measure: 'nodes', limit: 10_000 });
    // graphql-js's own validation budget (fields of one name compared pairwise) is a limit too.
    const repetitive = limitOf(await gql(base(), `{ ${'...F '.repeat(12)} } fragment F on Query { ${'graphVersion '.repeat(900)} }`));
    expect(repetitive.extensions).toEqual({ code: 'LIMIT_EXCEEDED', measure: 'validation' });
  });

  it('still answers what is within every limit, introspection included', async () => {
    const ok = await gql(base(), doublingFragments(3));
    expect(ok.body).toEqual({ data: { graphVersion: 2 } });
    const introspection = await gql(base(), '{ __schema { queryType { name fields { name type { name ofType { name } } } } } }');
    expect(introspection.status).toBe(200);
    expect(introspection.body.data.__schema.queryType.name).toBe('Query');
  });

  it("runs the IDE's standard introspection query whole, and refuses introspection that multiplies its answer", async () => {
    // What GraphiQL sends: 15 levels deep, past the depth limit, which leaves __schema to its own bound.
    const standard = await gql(base(), getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(standard.status).toBe(200);
    expect(standard.body.data.__schema.types.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Query', 'Asset', 'Computation', 'ImpactMode']));
    const multiplying = await gql(base(), '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }');
    expect(multiplying.status).toBe(400);
    expect(multiplying.body.data).toBeUndefined();
    expect(multiplying.body.errors[0].message).toMatch(/introspection/i);
  });

  /**
   * Random documents: fragments spreading earlier ones one to three times, inline fragments,
   * aliases and directives around them. Whatever their shape, each is answered (data or a client
   * error, never INTERNAL) quickly, and /healthz is answered while it is in flight.
   */
  it('answers any nesting of fragments, aliases and directives quickly, with data or a client error', async () => {
    const directive = fc.constantFrom('', '@include(if: true)', '@skip(if: false)', '@include(if: true) @skip(if: false)');
    const leaf = fc.record({ alias: fc.option(fc.constantFrom('a', 'b', 'v'), { nil: undefined }), directive }).map(({ alias, directive: d }) => `${alias ? `${alias}: ` : ''}graphVersion ${d}`);
    // Each fragment spreads the one before it (so all are used) and holds up to three more parts.
    const fragmentBody = (i: number) =>
      fc
        .tuple(
          fc.record({ times: fc.integer({ min: 1, max: 3 }), directive }).map(({ times, directive: d }) => (i === 0 ? 'graphVersion' : `...F${i - 1} ${d} `.repeat(times))),
          fc.array(
            fc.oneof(
              leaf,
              fc.record({ target: fc.nat(Math.max(0, i - 1)), directive }).map(({ target, directive: d }) => (i === 0 ? 'graphVersion' : `...F${target} ${d}`)),
              fc.record({ inner: leaf, directive }).map(({ inner, directive: d }) => `... on Query ${d} { ${inner} }`),
            ),
            { maxLength: 3 },
          ),
        )
        .map(([chain, parts]) => `fragment F${i} on Query { ${chain} ${parts.join(' ')} }`);
    const document = fc.integer({ min: 1, max: 45 }).chain((count) =>
      fc.tuple(...Array.from({ length: count }, (_, i) => fragmentBody(i))).map((defs) => `{ ...F${count - 1} } ${defs.join(' ')}`),
    );
    await fc.assert(
      fc.asyncProperty(document, async (query) => {
        const { answer, ms } = await alongsideHealth(base(), query);
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) expect(['LIMIT_EXCEEDED', 'BAD_USER_INPUT']).toContain(answer.body.errors[0].extensions.code);
        else expect(answer.body.errors).toBeUndefined();
        expect(ms).toBeLessThan(2_000);
      }),
      { numRuns: 40 },
    );
  });
});
