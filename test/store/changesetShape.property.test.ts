import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesetShape, parseChangesetShape } from '../../graph-model/changeset-schema.js';
import { ChangesetRejectedError, formatPath } from '../../graph-model/errors.js';

/**
 * parseChangesetShape checks the large lists (assets, computations, edges) with a hand-written
 * validator when they are exactly of the schema's shape, and leaves everything else to zod. For any
 * input, near-valid or not, it must accept what zod accepts, return what zod returns, and refuse
 * with zod's issues what zod refuses.
 */
const text = fc.constantFrom('a', 'ns', '', 'x y', 'orders');
const junk = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), text);
/** Mostly the right thing, sometimes something else in its place. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 40, arbitrary }, { weight: 1, arbitrary: junk });

class Instance {
  constructor(values: object) {
    Object.assign(this, values);
  }
}

/** An object as JSON gives it, or with an unknown key, without a prototype, or as a class instance. */
function oddly<T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(arbitrary, fc.oneof({ weight: 40, arbitrary: fc.constant('plain') }, { weight: 1, arbitrary: fc.constantFrom('extra', 'nullProto', 'instance') })).map(([value, how]) => {
    if (how === 'extra') return { ...value, extra: 1 };
    if (how === 'nullProto') return Object.assign(Object.create(null) as object, value);
    if (how === 'instance') return new Instance(value);
    return value;
  });
}

const optional = (arbitrary: fc.Arbitrary<unknown>) => fc.option(arbitrary, { nil: undefined });

const { field } = fc.letrec((tie) => ({
  field: oddly(
    fc.record(
      { name: maybe(fc.constantFrom('id', 'amount', 'v')), type: optional(maybe(text)), description: optional(text), fields: optional(fc.array(tie('field'), { maxLength: 2 })) },
      { requiredKeys: ['name'] },
    ),
  ),
}));

const definition = oddly(
  fc.record(
    {
      description: maybe(text),
      fields: maybe(fc.array(field, { maxLength: 3 })),
      code: maybe(oddly(fc.record({ language: maybe(text), text: maybe(text) }, { requiredKeys: [] }))),
      owners: maybe(fc.array(oddly(fc.record({ name: maybe(fc.constantFrom('team', '')), type: optional(maybe(text)) }, { requiredKeys: ['name'] })), { maxLength: 2 })),
      properties: maybe(fc.oneof(fc.dictionary(text, fc.jsonValue({ maxDepth: 2 })), fc.constant([1]))),
    },
    { requiredKeys: [] },
  ),
);

const node = oddly(
  fc.record(
    { namespace: maybe(text), name: maybe(text), kind: maybe(fc.constantFrom('TABLE', 'BATCH_JOB')), definition: maybe(definition) },
    { requiredKeys: ['namespace', 'name', 'kind'] },
  ),
);
const nodeRef = oddly(
  fc.record({ type: maybe(fc.constantFrom('ASSET', 'COMPUTATION', 'TABLE')), namespace: maybe(text), name: maybe(text) }, { requiredKeys: ['type', 'namespace', 'name'] }),
);
const edge = oddly(fc.record({ from: maybe(nodeRef), to: maybe(nodeRef) }, { requiredKeys: ['from', 'to'] }));

const changeset = fc.record(
  {
    source: maybe(fc.constant('dbt:shop')),
    mode: maybe(fc.constantFrom('full', 'delta')),
    assets: maybe(fc.array(node, { maxLength: 4 })),
    computations: maybe(fc.array(node, { maxLength: 3 })),
    edges: maybe(fc.array(edge, { maxLength: 4 })),
    tags: maybe(fc.array(fc.record({ target: nodeRef, key: text, value: text }), { maxLength: 2 })),
  },
  { requiredKeys: ['source', 'mode'] },
);

function ours(input: unknown): { data: unknown } | { issues: unknown } {
  try {
    return { data: parseChangesetShape(input) };
  } catch (error) {
    if (!(error instanceof ChangesetRejectedError)) throw error;
    return { issues: error.issues };
  }
}

describe('changeset shape (property)', () => {
  it('the fast validator accepts, returns and refuses exactly what zod does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(changeset, (input) => {
        const expected = changesetShape.safeParse(input);
        if (expected.success) {
          accepted++;
          // toEqual treats a key holding undefined like a missing key, as hashing and storage do.
          expect(ours(input)).toEqual({ data: expected.data });
        } else {
          const issues = expected.error.issues.slice(0, 50).map((issue) => ({ code: 'INVALID_SHAPE', path: formatPath(issue.path), message: issue.message }));
          expect(ours(input)).toEqual({ issues });
        }
      }),
      { numRuns: 2000 },
    );
    // The generator reaches both sides: a property only ever refusing would prove little.
    expect(accepted).toBeGreaterThan(50);
  });
});
