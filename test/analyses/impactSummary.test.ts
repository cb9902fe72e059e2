import { expect, it } from 'vitest';
import { summarizeImpact } from '../../graph-model/analyses/impactSummary.js';

it('names kinds in plain plural English, with traffic per group when known', () => {
  const summary = summarizeImpact(
    [
      { status: 'BROKEN', kind: 'QUERY' },
      { status: 'BROKEN', kind: 'QUERY' },
      { status: 'BROKEN', kind: 'RULE', traffic: 2_000_000 },
      { status: 'BROKEN', kind: 'RULE', traffic: 1_100_000 },
      { status: 'DEGRADED', kind: 'KV_TABLE' },
    ],
    'evaluations/day',
  );
  expect(summary.text).toBe('2 queries broken, 2 rules broken (3.1M evaluations/day), 1 kv table degraded');
});
