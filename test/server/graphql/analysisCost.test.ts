import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../server/graphql/limits.js';
import { gql, useRiskService } from './graphqlClient.js';
import { ids } from './riskGraph.js';

/** Each analysis root field with the smallest selection that runs it. */
const ANALYSES = {
  costAttribution: 'costAttribution { totalCost }',
  decommissionCandidates: 'decommissionCandidates { totalSavings }',
  audit: 'audit { version }',
  impact: `impact(ids: ["${ids.a}"]) { summary }`,
  lineage: `lineage(id: "${ids.a}") { version }`,
};

const aliased = (selection: string, count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

describe('analyses cost their work in the complexity estimate, over HTTP [pglite]', () => {
  // The second with aliases and tokens limits out of the way: the estimate alone must refuse 1,000 analyses.
  const risk = useRiskService({}, { limits: { ...DEFAULT_LIMITS, maxQueryAliases: 10_000, maxQueryTokens: 100_000 } });
  const defaults = () => risk.service(0).base;
  const roomy = () => risk.service(1).base;

  for (const [field, selection] of Object.entries(ANALYSES)) {
    it(`refuses 1,000 aliases of ${field} before running one, and runs one`, async () => {
      const thousand = await gql(roomy(), aliased(selection, 1_000));
      expect(thousand.status).toBe(400);
      expect(thousand.body.data).toBeUndefined();
      expect(thousand.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', measure: 'complexity', limit: 20_000 });
      // Each alias costs at least what a lineage does, 1,000.
      expect(thousand.body.errors[0].extensions.value).toBeGreaterThanOrEqual(1_000_000);
      // With the default limits the token limit refuses it first, while parsing.
      const capped = await gql(defaults(), aliased(selection, 1_000));
      expect(capped.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', measure: 'tokens' });
      const one = await gql(defaults(), `{ ${selection} }`);
      expect({ status: one.status, errors: one.body.errors }).toEqual({ status: 200, errors: undefined });
    });
  }

  it('runs four whole-graph analyses in one query and refuses a fifth', async () => {
    const four = await gql(defaults(), `{ ${ANALYSES.costAttribution} ${ANALYSES.decommissionCandidates} ${ANALYSES.audit} other: ${ANALYSES.costAttribution.replace('{', '(split: TRAFFIC) {')} }`);
    expect({ status: four.status, errors: four.body.errors }).toEqual({ status: 200, errors: undefined });
    const five = await gql(defaults(), aliased(ANALYSES.decommissionCandidates, 5));
    expect(five.status).toBe(400);
    expect(five.body.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', measure: 'complexity' });
  });
});
