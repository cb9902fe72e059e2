import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { DEFAULT_RETRY } from '../../graph-model/neo4j/neo4jProjection.js';
import { SERVICE_RETRY } from '../../graph-model/neo4j/projectionFollower.js';
import { retryDelay } from '../../graph-model/store/retryDelay.js';

const doc = readFileSync(new URL('../../docs/neo4j.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');

/** "250 ms doubling to 30 s, with jitter: `SERVICE_RETRY`": the figures the doc gives next to a policy's name. */
function documented(name: string): { minMs: number; maxMs: number } {
  const match = new RegExp(`(\\d+) ms doubling to (\\d+) s, with jitter[^.]*?\`${name}\``).exec(doc);
  if (!match) throw new Error(`docs/neo4j.md gives no backoff for ${name}`);
  return { minMs: Number(match[1]), maxMs: Number(match[2]) * 1000 };
}

it("docs/neo4j.md's backoff figures are the sync's and the service's policies", () => {
  expect(documented('DEFAULT_RETRY')).toEqual({ minMs: DEFAULT_RETRY.minMs, maxMs: DEFAULT_RETRY.maxMs });
  expect(documented('SERVICE_RETRY')).toEqual({ minMs: SERVICE_RETRY.minMs, maxMs: SERVICE_RETRY.maxMs });
  expect(doc).toContain(`\`--attempts\` per version, default ${DEFAULT_RETRY.attempts}`);
  expect(SERVICE_RETRY.attempts).toBe(Number.POSITIVE_INFINITY);
});

it('dctx neo4j sync waits under 31 s in all before it gives up, as the doc says', () => {
  // The longest waits: the random half of each at its top.
  let total = 0;
  for (let attempt = 1; attempt < DEFAULT_RETRY.attempts; attempt++) total += retryDelay(attempt, DEFAULT_RETRY.minMs, DEFAULT_RETRY.maxMs, () => 1);
  expect(total).toBe(30_750);
  expect(doc).toContain('keep that under 31 s');
});
