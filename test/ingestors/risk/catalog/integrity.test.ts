import { expect, it } from 'vitest';
import type { NodeVersion } from '../../../../graph-model/model.js';
import type { GraphStore } from '../../../../graph-model/store/graphStore.js';
import { riskCatalogIngestor } from '../../../../ingestors/risk/index.js';
import { runIngestor } from '../../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../../support/engines.js';
import { fixtureDirectory } from './riskCatalogFixtures.js';

/** Every node upstream of `start`, walking READS/WRITES edges backwards (terminates on cycles). */
async function upstream(store: GraphStore, start: string): Promise<NodeVersion[]> {
  const seen = new Set<string>([start]);
  let frontier = [start];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of await store.edges(id, { direction: 'in' })) {
        if (edge.to !== id || seen.has(edge.from)) continue;
        seen.add(edge.from);
        next.push(edge.from);
      }
    }
    frontier = next;
  }
  seen.delete(start);
  return store.nodes([...seen]);
}

describeEachEngine('risk catalog: integrity of the ingested graph', (engine) => {
  const shared = useStore(engine);

  it('every rule with an evaluation reaches at least one table or stream upstream; the unparsable one has none', async () => {
    const store = shared.store();
    await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    const created = (await store.changes(0)).flatMap((changeset) => changeset.changes.nodes.map((node) => node.id));
    const ruleNodes = (await store.nodes([...new Set(created)])).filter((node) => node.kind === 'RULE');
    expect(ruleNodes.map((rule) => rule.name).sort()).toEqual([
      'card_decline_burst',
      'gbdt_high_score',
      'large_amount_velocity',
      'login_new_device',
      'merchant_risk_spike',
      'new_device_high_amount',
    ]);

    const sourcesByRule = new Map<string, string[]>();
    for (const rule of ruleNodes) {
      const sources = (await upstream(store, rule.id)).filter((node) => node.kind === 'TABLE' || node.kind === 'STREAM');
      sourcesByRule.set(rule.name, sources.map((node) => `${node.namespace}/${node.name}`).sort());
    }
    expect(Object.fromEntries(sourcesByRule)).toEqual({
      card_decline_burst: [],
      gbdt_high_score: ['hive://warehouse/dw.device_registry', 'hive://warehouse/risk.fraud_labels', 'kafka://risk-prod/payments.authorizations'],
      large_amount_velocity: ['kafka://risk-prod/payments.authorizations'],
      login_new_device: ['hive://warehouse/dw.device_registry', 'kafka://risk-prod/payments.authorizations'],
      merchant_risk_spike: ['hive://warehouse/dw.device_registry', 'kafka://risk-prod/payments.authorizations'],
      new_device_high_amount: ['hive://warehouse/dw.device_registry', 'kafka://risk-prod/payments.authorizations'],
    });
    // The one exception is the rule whose expression does not parse: its inputs are unknown.
    expect(ruleNodes.find((rule) => rule.name === 'card_decline_burst')!.definition.properties).toHaveProperty('syntaxError');
  });
});
