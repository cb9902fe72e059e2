/**
 * `npx tsx bench/validateEventBench.ts`: how many OpenLineage events per second validateEvent checks,
 * on the fixtures of test/fixtures/openlineage (the official client's and Spark's events, the spec's
 * own test events), repeated. No store: this is the per-event cost of validation alone.
 * Prints the median and spread of several rounds (the machine is shared and noisy).
 * An optional argument names another module exporting validateEvent (an older version, to compare).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { validateEvent as ValidateEvent } from '../ingestors/openlineage/validateEvent.js';

const DIR = 'test/fixtures/openlineage';

function fixtureEvents(): unknown[] {
  const files = readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
  return files.flatMap((f) => {
    const json: unknown = JSON.parse(readFileSync(path.join(DIR, f), 'utf8'));
    return Array.isArray(json) ? json : [json];
  });
}

const modulePath = process.argv[2] ?? 'ingestors/openlineage/validateEvent.ts';
const { validateEvent } = (await import(pathToFileURL(path.resolve(modulePath)).href)) as { validateEvent: typeof ValidateEvent };
const events = fixtureEvents();
const valid = events.filter((e) => validateEvent(e).ok).length;
const ROUNDS = 7;
const PER_ROUND = 20_000;
const rates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < PER_ROUND; i++) validateEvent(events[i % events.length]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rates.push(PER_ROUND / seconds);
}
rates.sort((a, b) => a - b);
const round = (x: number) => Math.round(x);
console.log(JSON.stringify({ module: modulePath, fixtures: events.length, valid, rounds: ROUNDS, perRound: PER_ROUND, eventsPerSecond: { min: round(rates[0]!), median: round(rates[3]!), max: round(rates[ROUNDS - 1]!) } }));
