import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import type { ChangesetIssueCode } from '../../graph-model/errors.js';
import type { Changeset } from '../../graph-model/model.js';
import { MAX_NESTING, TEXT_LIMITS } from '../../graph-model/storableText.js';
import { parseChangeset } from '../../graph-model/changeset-schema.js';
import { A, JOBS, NS, pipeline } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { rejection } from '../support/rejection.js';

/** `bytes` bytes of UTF-8 that no compression shrinks: random, with 3-byte characters mixed in. */
function incompressible(bytes: number): string {
  let text = '';
  let size = 0;
  const random = randomBytes(bytes);
  for (let i = 0; size < bytes; i++) {
    // A CJK character (3 bytes) now and then, where it still fits; base64-ish ASCII otherwise.
    if (random[i]! % 4 === 0 && size + 3 <= bytes) {
      text += String.fromCharCode(0x4e00 + (random[i]! * 37) % 0x5000);
      size += 3;
    } else {
      text += 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[random[i]! % 64];
      size += 1;
    }
  }
  expect(Buffer.byteLength(text)).toBe(bytes);
  return text;
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 1; i < depth; i++) value = { next: value };
  return value;
}

describeEachEngine('strings the store cannot hold', (engine) => {
  const shared = useStore(engine);

  const cases: [string, (base: Changeset) => Changeset, ChangesetIssueCode, string | RegExp, RegExp][] = [
    ['a NUL in an asset name', (b) => ({ ...b, assets: [...b.assets!, { namespace: NS, name: 'bad\u0000name', kind: 'TABLE' }] }), 'INVALID_TEXT', 'assets[3].name', /NUL character \(U\+0000\) at character 4/],
    ['a lone surrogate in a namespace', (b) => ({ ...b, computations: [{ namespace: 'jobs\udc00', name: 'x', kind: 'BATCH_JOB' }] }), 'INVALID_TEXT', 'computations[0].namespace', /lone UTF-16 surrogate \(U\+DC00\)/],
    [
      'a NUL in a key of a definition\'s properties',
      (b) => ({ ...b, assets: [{ namespace: NS, name: 'p', kind: 'TABLE', definition: { properties: { ok: 1, deep: { 'k\u0000': 'v' } } } }] }),
      'INVALID_TEXT',
      'assets[0].definition.properties.deep.k\u0000',
      /the key holds a NUL/,
    ],
    ['a lone surrogate in SQL code', (b) => ({ ...b, computations: [{ namespace: JOBS, name: 'q', kind: 'QUERY', definition: { code: { language: 'sql', text: 'select \ud83d' } } }] }), 'INVALID_TEXT', 'computations[0].definition.code.text', /lone UTF-16 surrogate/],
    ['properties nested 10,000 deep', (b) => ({ ...b, assets: [{ namespace: NS, name: 'p', kind: 'TABLE', definition: { properties: nested(10_000) as Record<string, unknown> } }] }), 'TOO_DEEP', /^assets\[0\]\.definition\.properties(\.next){63}$/, /nests deeper than 64 levels/],
    ['a name past the identity limit', (b) => ({ ...b, assets: [{ namespace: NS, name: incompressible(TEXT_LIMITS.identity + 1), kind: 'TABLE' }] }), 'TOO_LONG', 'assets[0].name', /is 1025 bytes long; at most 1024 bytes/],
    ['a source past the identity limit', (b) => ({ ...b, source: incompressible(3000) }), 'TOO_LONG', 'source', /is 3000 bytes long/],
    ['a tag value past its limit', (b) => ({ ...b, tags: [{ target: A('shop.public.users'), key: 'pii', value: incompressible(TEXT_LIMITS.tagValue + 1) }] }), 'TOO_LONG', 'tags[0].value', /at most 512 bytes/],
    [
      'a field edge field past its limit',
      (b) => ({ ...b, fieldEdges: [{ ...b.fieldEdges![0]!, input: { ...b.fieldEdges![0]!.input, field: incompressible(TEXT_LIMITS.field + 1) } }] }),
      'TOO_LONG',
      'fieldEdges[0].input.field',
      /at most 512 bytes/,
    ],
    [
      'a run that started on February 30',
      (b) => ({ ...b, runs: [{ runId: 'r1', computation: { namespace: JOBS, name: 'enrich' }, state: 'COMPLETE', startedAt: '2021-02-30T00:00:00Z' }] }),
      'INVALID_TIME',
      'runs[0].startedAt',
      /2021-02 has no day 30/,
    ],
  ];

  it.each(cases)('refuses %s before the database sees it, naming it, and commits nothing', async (_name, mutate, code, path, message) => {
    const store = shared.store();
    await store.apply(pipeline());
    const error = await rejection(store.apply(mutate(pipeline())));
    expect(error.issues).toContainEqual({ code, path: typeof path === 'string' ? path : expect.stringMatching(path), message: expect.stringMatching(message) });
    expect(await store.currentVersion()).toBe(1);
    // The store is not left in a failed transaction: the next changeset commits.
    expect(await store.apply({ source: 'next', mode: 'delta', assets: [{ namespace: NS, name: 'after', kind: 'TABLE' }] })).toMatchObject({ changed: true, version: 2 });
  });

  it('commits every indexed string at its limit, incompressible, and reads it back: the limits fit the indexes', async () => {
    const store = shared.store();
    const namespace = incompressible(TEXT_LIMITS.identity);
    const name = incompressible(TEXT_LIMITS.identity);
    const outputName = incompressible(TEXT_LIMITS.identity);
    const jobName = incompressible(TEXT_LIMITS.identity);
    const field = incompressible(TEXT_LIMITS.field);
    const other = incompressible(TEXT_LIMITS.field);
    const source = incompressible(TEXT_LIMITS.identity);
    const changeset: Changeset = {
      source,
      actor: incompressible(TEXT_LIMITS.identity),
      mode: 'delta',
      assets: [
        { namespace, name, kind: 'TABLE', definition: { fields: [{ name: field }, { name: other }], properties: { deep: nested(MAX_NESTING - 2) as object } } },
        { namespace, name: outputName, kind: 'TABLE', definition: { fields: [{ name: field }] } },
      ],
      computations: [{ namespace, name: jobName, kind: 'BATCH_JOB' }],
      edges: [{ from: { type: 'ASSET', namespace, name }, to: { type: 'COMPUTATION', namespace, name: jobName } }],
      fieldEdges: [
        {
          computation: { namespace, name: jobName },
          input: { namespace, name, field },
          output: { namespace, name: outputName, field },
          transformation: { type: 'DIRECT', subtype: incompressible(TEXT_LIMITS.subtype) },
        },
      ],
      tags: [{ target: { type: 'ASSET', namespace, name }, field: other, key: incompressible(TEXT_LIMITS.tagKey), value: incompressible(TEXT_LIMITS.tagValue) }],
      runs: [{ runId: incompressible(TEXT_LIMITS.identity), computation: { namespace, name: jobName }, state: 'COMPLETE', startedAt: '2024-02-29T23:59:59.999+14:00' }],
    };
    const result = await store.apply(changeset);
    expect(result).toMatchObject({ changed: true, stats: { nodesCreated: 3, edgesAdded: 1, fieldEdgesAdded: 1, tagsAdded: 1, runsRecorded: 1 } });
    const node = await store.nodeByName('ASSET', namespace, name);
    expect(node).toMatchObject({ namespace, name });
    expect((await store.tags(node!.id)).map((t) => t.field)).toEqual([other]);
    expect((await store.changes(0)).map((c) => c.source)).toEqual([source]);
  });

  it('records an ingest error that quotes a NUL, a lone surrogate or a huge value: replaced and cut, never refused', async () => {
    const store = shared.store();
    await store.recordIngestErrors('sql:x', [
      { location: 'etl.sql:1:1', message: 'target "ass\u0000et:x/y" must start with asset:' },
      { location: 'e\ud800.sql:2:1', message: 'x'.repeat(100_000) },
    ]);
    const [second, first] = await store.ingestErrors({ source: 'sql:x' });
    expect(first).toMatchObject({ location: 'etl.sql:1:1', message: 'target "ass\ufffdet:x/y" must start with asset:' });
    expect(second!.location).toBe('e\ufffd.sql:2:1');
    expect(second!.message).toHaveLength(4096 + 3);
  });

  it('reads a name with characters outside the BMP (surrogate pairs) back as written', async () => {
    const store = shared.store();
    const name = 'risk.\u{1F4B3}_cards_\u{20BB7}';
    await store.apply({ source: 's', mode: 'delta', assets: [{ namespace: NS, name, kind: 'TABLE' }] });
    expect(await store.nodeByName('ASSET', NS, name)).toMatchObject({ name });
  });
});

it('refuses a changeset with deeply nested fields with TOO_DEEP, not a stack overflow', () => {
  let fields: unknown[] = [{ name: 'leaf' }];
  for (let i = 0; i < 20_000; i++) fields = [{ name: `f${i}`, fields }];
  expect(() => parseChangeset({ source: 's', mode: 'delta', assets: [{ namespace: NS, name: 't', kind: 'TABLE', definition: { fields } }] })).toThrow(
    expect.objectContaining({ issues: [expect.objectContaining({ code: 'TOO_DEEP' })] }),
  );
});
