import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../../server/graphql/analysisCache.js';
import { BoundedCache } from '../../../server/graphql/boundedCache.js';
import { ComplexityCache } from '../../../server/graphql/complexityCache.js';
import { data, useRiskService } from './graphqlClient.js';
import { NS } from './riskGraph.js';

describe('caches keyed by what requests send stay bounded', () => {
  it('BoundedCache keeps at most its size, the most recently used, whatever the keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (max, keys) => {
        const cache = new BoundedCache<number>(max);
        for (const key of keys) expect(cache.get(String(key), () => key)).toBe(key);
        const recent = [...new Set([...keys].reverse())].slice(0, max);
        expect(cache.size).toBe(recent.length);
        // The most recent keys answer without computing.
        for (const key of recent) cache.get(String(key), () => expect.unreachable(`recomputed ${key}`));
      }),
    );
  });

  it('AnalysisCache computes one answer per key, and forgets a failure', async () => {
    const cache = new AnalysisCache();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await Promise.all([cache.run('a', compute), cache.run('a', compute)])).toEqual([1, 1]);
    await expect(cache.run('b', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.run('b', compute)).toBe(2);
  });

  it('ComplexityCache keeps small variables, and never keeps large ones or failures', () => {
    const cache = new ComplexityCache(10, 1_024);
    let computed = 0;
    const compute = () => ++computed;
    expect(cache.complexity('q', '', { id: 'x' }, compute)).toBe(1);
    expect(cache.complexity('q', '', { id: 'x' }, compute)).toBe(1);
    expect(cache.complexity('q', '', { id: 'y' }, compute)).toBe(2);
    const big = { id: 'x'.repeat(8_000_000) };
    expect(cache.complexity('q', '', big, compute)).toBe(3);
    expect(cache.complexity('q', '', big, compute)).toBe(4);
    expect(() => cache.complexity('q', '', { id: 'z' }, () => { throw new Error('bad variable'); })).toThrow('bad variable');
    expect(cache.size).toBe(2);
  });
});

describe('the audit is kept per graph version [pglite]', () => {
  const risk = useRiskService();

  it('answers a new version with a new audit and an old one as before', async () => {
    const audit = '{ audit { version summary consumers { node { id } tags { key value } } } }';
    const before = (await data(risk.service().base, audit)).audit;
    expect((await data(risk.service().base, '{ a: audit { version summary } b: audit { version summary } }'))).toEqual({ a: { version: 2, summary: before.summary }, b: { version: 2, summary: before.summary } });
    const { version } = await risk.store().apply({ source: 'test:gql', mode: 'delta', tags: [{ target: { type: 'ASSET', namespace: NS, name: 'ods.a' }, key: 'pii', value: 'card' }] });
    await risk.service().index.waitFor(version);
    const after = (await data(risk.service().base, audit)).audit;
    expect(after.version).toBe(3);
    // The new tag reaches the consumers of ods.a downstream: a kept version-2 audit would not say so.
    expect(JSON.stringify(after.consumers)).toContain('"value":"card"');
    expect(JSON.stringify(before.consumers)).not.toContain('"value":"card"');
    expect((await data(risk.service().base, '{ audit(asOf: 2) { version summary consumers { node { id } tags { key value } } } }')).audit).toEqual(before);
  });
});
