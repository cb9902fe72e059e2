import { describe, expect, it } from 'vitest';
import { changesetShape, parseChangeset } from '../../graph-model/changeset-schema.js';
import { ChangesetRejectedError, formatPath } from '../../graph-model/errors.js';

/**
 * parseChangeset checks the large lists (assets, computations, edges) without zod when they are
 * exactly of the schema's shape; whatever it accepts, returns or refuses must be what zod does.
 */
const asset = (name: string, extra: Record<string, unknown> = {}) => ({ namespace: 'ns', name, kind: 'TABLE', ...extra });
const job = (name: string) => ({ namespace: 'jobs', name, kind: 'BATCH_JOB' });
const ref = (type: 'ASSET' | 'COMPUTATION', name: string) => ({ type, namespace: type === 'ASSET' ? 'ns' : 'jobs', name });
const base = () => ({
  source: 's',
  mode: 'delta' as const,
  assets: [
    asset('a', {
      definition: {
        description: 'd',
        fields: [{ name: 'id', type: 'bigint', fields: [{ name: 'x' }] }, { name: 'v', description: undefined }],
        code: { language: 'sql', text: 'select 1' },
        owners: [{ name: 'team', type: 'TEAM' }],
        properties: { a: 1, nested: { b: [1, 2] } },
      },
    }),
    asset('b'),
  ],
  computations: [job('j')],
  edges: [{ from: ref('ASSET', 'a'), to: ref('COMPUTATION', 'j') }, { from: ref('COMPUTATION', 'j'), to: ref('ASSET', 'b') }],
});

class NotPlain {
  constructor(readonly namespace = 'ns', readonly name = 'c', readonly kind = 'TABLE') {}
}

const variants: [string, (cs: ReturnType<typeof base>) => unknown][] = [
  ['a valid changeset', (cs) => cs],
  ['no large lists at all', (cs) => ({ source: cs.source, mode: cs.mode })],
  ['an unknown key on an asset (stripped)', (cs) => ({ ...cs, assets: [...cs.assets, asset('c', { extra: 1 })] })],
  ['an unknown key in a definition (stripped)', (cs) => ({ ...cs, assets: [asset('c', { definition: { other: 1 } })] })],
  ['an unknown key on an edge end (stripped)', (cs) => ({ ...cs, edges: [{ from: { ...ref('ASSET', 'a'), x: 1 }, to: ref('COMPUTATION', 'j') }] })],
  ['an unknown top-level key (stripped)', (cs) => ({ ...cs, extra: true })],
  ['a class instance as an asset', (cs) => ({ ...cs, assets: [new NotPlain()] })],
  ['an asset without a kind', (cs) => ({ ...cs, assets: [{ namespace: 'ns', name: 'x' }] })],
  ['a number as a name', (cs) => ({ ...cs, computations: [{ namespace: 'jobs', name: 7, kind: 'BATCH_JOB' }] })],
  ['an edge end of unknown type', (cs) => ({ ...cs, edges: [{ from: { type: 'TABLE', namespace: 'ns', name: 'a' }, to: ref('COMPUTATION', 'j') }] })],
  ['an edge without its target', (cs) => ({ ...cs, edges: [...cs.edges, { from: ref('ASSET', 'a') }] })],
  ['an empty field name', (cs) => ({ ...cs, assets: [asset('c', { definition: { fields: [{ name: 'ok' }, { name: '' }] } })] })],
  ['a nested field without a name', (cs) => ({ ...cs, assets: [asset('c', { definition: { fields: [{ name: 'ok', fields: [{}] }] } })] })],
  ['an owner with an empty name', (cs) => ({ ...cs, assets: [asset('c', { definition: { owners: [{ name: '' }] } })] })],
  ['properties that are an array', (cs) => ({ ...cs, assets: [asset('c', { definition: { properties: [1] } })] })],
  ['code without text', (cs) => ({ ...cs, computations: [{ ...job('k'), definition: { code: { language: 'sql' } } }] })],
  ['a list that is not an array', (cs) => ({ ...cs, edges: { 0: cs.edges[0] } })],
  ['a bad list and a bad top-level field', (cs) => ({ ...cs, mode: 'sometimes', edges: [{ from: 1, to: 2 }] })],
  ['a bad top-level field only', (cs) => ({ ...cs, source: '' })],
  ['a bad run with valid large lists', (cs) => ({ ...cs, runs: [{ runId: '', computation: { namespace: 'jobs', name: 'j' }, state: 'DONE' }] })],
  ['a changeset that is an array', () => []],
];

describe('changeset shape', () => {
  it.each(variants)('%s: accepted, returned or refused as zod does', (_name, make) => {
    const input = make(base());
    const expected = changesetShape.safeParse(input);
    let outcome: unknown;
    try {
      outcome = { data: parseChangeset(input) };
    } catch (error) {
      if (!(error instanceof ChangesetRejectedError)) throw error;
      outcome = { issues: error.issues };
    }
    if (expected.success) {
      // toEqual treats a key holding undefined like a missing key, as hashing and storage do.
      expect(outcome).toEqual({ data: expected.data });
    } else {
      const issues = expected.error.issues.slice(0, 50).map((issue) => ({ code: 'INVALID_SHAPE', path: formatPath(issue.path), message: issue.message }));
      expect(outcome).toEqual({ issues });
    }
  });
});
