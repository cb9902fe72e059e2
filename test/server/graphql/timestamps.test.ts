import { expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { data, gql, useLoadedService } from './graphqlClient.js';
import { ids, loadRiskPlatform } from './riskGraph.js';

/** Times that look like ISO-8601 but name no instant: Date.parse would roll most of them over. */
const IMPOSSIBLE: [string, string][] = [
  ['2021-02-30T00:00:00Z', '2021-02 has no day 30'],
  ['2021-04-31', '2021-04 has no day 31'],
  ['2023-02-29T12:00:00Z', '2023-02 has no day 29'],
  ['2021-13-01T00:00:00Z', 'no month 13'],
  ['2021-06-01T24:00:00Z', 'no hour 24'],
];

describeEachEngine('GraphQL times', (engine) => {
  const loaded = useLoadedService(engine, loadRiskPlatform);

  it.each(IMPOSSIBLE)('refuses asOf %s with BAD_USER_INPUT saying why', async (asOf, why) => {
    const bad = await gql(loaded.service().base, `query($asOf: AsOf) { node(id: "${ids.c}", asOf: $asOf) { id } }`, { asOf });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].message).toContain(why);
    const literal = await gql(loaded.service().base, `{ node(id: "${ids.c}", asOf: "${asOf}") { id } }`);
    expect(literal.body.errors[0].message).toContain(why);
  });

  it.each(IMPOSSIBLE)('refuses a metrics window from or to %s, naming the argument', async (time, why) => {
    for (const argument of ['from', 'to'] as const) {
      const variables = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z', [argument]: time };
      const bad = await gql(loaded.service().base, `query($from: String, $to: String) { costAttribution(from: $from, to: $to) { totalCost } }`, variables);
      expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(bad.body.errors[0].message).toContain(why);
    }
  });

  it('still reads at a real leap day, and a date as the start of that UTC day', async () => {
    const d = await data(loaded.service().base, `{ a: node(id: "${ids.c}", asOf: "2024-02-29T00:00:00Z") { id } b: node(id: "${ids.c}", asOf: "2999-02-28") { id } }`);
    expect(d).toEqual({ a: null, b: { id: ids.c } });
  });
});
