import { afterEach, beforeEach, expect, it } from 'vitest';
import type { GraphStore } from '../../../../graph-model/store/graphStore.js';
import { riskCatalogIngestor } from '../../../../ingestors/risk/index.js';
import { runIngestor } from '../../../../ingestors/runIngestor.js';
import { describeEachEngine, useStore } from '../../../support/engines.js';
import { assetId, computationId, fixtureDirectory, scratchCatalog } from './riskCatalogFixtures.js';

const RULES_YAML = `${fixtureDirectory('basic')}/rules.yaml`;

describeEachEngine('risk catalog: bad input', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let scratch: ReturnType<typeof scratchCatalog> | undefined;
  beforeEach(() => {
    store = shared.store();
  });
  afterEach(() => {
    scratch?.dispose();
    scratch = undefined;
  });

  it('reports a rule syntax error at file:line:column and keeps the rule without its evaluation', async () => {
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    const error = report.errors.find((e) => e.message.includes('card_decline_burst'));
    // `>>` is on the expression's line 2 (file line 34); the second `>` is the offending token.
    expect(error).toEqual({
      location: `${RULES_YAML}:34:27`,
      message: "rule risk.rules/card_decline_burst: syntax error in expression: expected an expression but found '>'; the rule is kept without its evaluation",
      node: { type: 'ASSET', namespace: 'risk.rules', name: 'card_decline_burst' },
    });
    const rule = await store.node(assetId('risk.rules', 'card_decline_burst'));
    expect(rule).toMatchObject({ kind: 'RULE', definition: { properties: { syntaxError: "line 2, column 21: expected an expression but found '>'" } } });
    expect(await store.node(computationId('risk.rules', 'card_decline_burst.evaluation'))).toBeNull();
    // Still run by its service: that edge does not depend on the expression.
    expect((await store.edges(rule!.id)).map((edge) => edge.kind)).toEqual(['READS']);
    expect(await store.ingestErrors({ source: 'risk:basic' })).toEqual(
      expect.arrayContaining([expect.objectContaining({ location: `${RULES_YAML}:34:27` })]),
    );
  });

  it('locates syntax errors in one-line plain and quoted expressions', async () => {
    scratch = scratchCatalog('quoted');
    const file = scratch.write(
      'rules.yaml',
      ['rules:', '  - name: plain', '    expression: event.amount > > 1', '    action: block', '  - name: quoted', '    expression: "a ==  "', '    action: pass', ''].join('\n'),
    );
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(report.errors.map((error) => error.location)).toEqual([`${file}:3:32`, `${file}:6:24`]);
  });

  it('keeps a reference to a feature nobody declares as a dangling reference: reported and recorded', async () => {
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    expect(report.errors.filter((e) => e.message.includes('merchant_risk_score_7d'))).toEqual([
      {
        location: `${RULES_YAML}:43:17`,
        message:
          "rule risk.rules/merchant_risk_spike: dangling reference feature('merchant_risk_score_7d'): risk.features/merchant_risk_score_7d is neither declared in this catalog nor asserted by another source",
        node: { type: 'ASSET', namespace: 'risk.rules', name: 'merchant_risk_spike' },
      },
    ]);
    expect(report.errors).toHaveLength(2);
    const rule = await store.node(assetId('risk.rules', 'merchant_risk_spike'));
    expect(rule!.definition.properties).toMatchObject({ danglingReferences: ["feature('merchant_risk_score_7d')"], status: 'retired', purpose: 'aml' });
    // The references that do resolve still get their edges.
    const evaluation = computationId('risk.rules', 'merchant_risk_spike.evaluation');
    const reads = (await store.edges(evaluation)).filter((edge) => edge.kind === 'READS').map((edge) => edge.from);
    expect(reads).toEqual([assetId('risk.features', 'merchant_chargeback_rate_90d')]);
  });

  it('resolves a reference to a feature another source asserts, and dangles once that source retracts it', async () => {
    await store.apply({ source: 'feature-store', mode: 'full', assets: [{ namespace: 'risk.features', name: 'merchant_risk_score_7d', kind: 'FEATURE' }] });
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    expect(report.errors.map((e) => e.message).filter((m) => m.includes('merchant_risk_score_7d'))).toEqual([]);
    const evaluation = computationId('risk.rules', 'merchant_risk_spike.evaluation');
    expect((await store.edges(evaluation)).map((edge) => edge.from)).toContain(assetId('risk.features', 'merchant_risk_score_7d'));

    await store.apply({ source: 'feature-store', mode: 'full' });
    const again = await runIngestor(store, riskCatalogIngestor(), { directory: fixtureDirectory('basic') });
    expect(again.errors.map((e) => e.message).filter((m) => m.includes('merchant_risk_score_7d'))).toHaveLength(1);
    expect((await store.node(assetId('risk.rules', 'merchant_risk_spike')))!.definition.properties).toMatchObject({
      danglingReferences: ["feature('merchant_risk_score_7d')"],
    });
  });

  it('reports unknown model outputs, event fields and rule-set members, naming each', async () => {
    scratch = scratchCatalog('dangling', 'basic');
    scratch.write(
      'extra.yaml',
      [
        'rules:',
        "  - name: odd",
        "    expression: model('fraud_gbdt_v3').margin > 1 and event.nope == 1 and feature('user_7d_txn_cnt') > 1",
        '    action: review',
        '    service: payment_decision',
        'services:',
        '  - name: extra_service',
        '    scene: payment',
        '    ruleSets:',
        '      - name: s',
        '        rules: [odd, ghost]',
        '',
      ].join('\n'),
    );
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    const extra = report.errors.filter((e) => e.location.includes('extra.yaml'));
    expect(extra.map((e) => [e.location.slice(e.location.indexOf('extra.yaml')), e.message])).toEqual([
      ['extra.yaml:11:22', "service risk.services/extra_service: dangling reference rule('ghost'): risk.rules/ghost is neither declared in this catalog nor asserted by another source"],
      ['extra.yaml:3:17', "rule risk.rules/odd: dangling reference model('fraud_gbdt_v3').margin: risk.models/fraud_gbdt_v3 has no output 'margin'"],
      ['extra.yaml:3:55', "rule risk.rules/odd: dangling reference event.nope: risk.services/payment.event declares no field 'nope' (add it to the service's eventFields)"],
    ]);
    expect((await store.node(assetId('risk.rules', 'odd')))!.definition.properties).toMatchObject({
      danglingReferences: ["model('fraud_gbdt_v3').margin", 'event.nope'],
    });
    expect((await store.node(assetId('risk.services', 'extra_service')))!.definition.properties).toMatchObject({ danglingReferences: ["rule('ghost')"] });
    // The model is still read (the whole asset); only the field edge is impossible.
    const reads = (await store.edges(computationId('risk.rules', 'odd.evaluation'))).filter((edge) => edge.kind === 'READS').map((edge) => edge.from);
    // The feature is read with the online store it is served from (features.yaml: redis://risk-online/user_features).
    expect(reads.sort()).toEqual(
      [assetId('risk.models', 'fraud_gbdt_v3'), assetId('risk.services', 'payment.event'), assetId('risk.features', 'user_7d_txn_cnt'), assetId('redis://risk-online', 'user_features')].sort(),
    );
  });

  it('validates items with zod: errors name file:line:column and the key, and the item is left out', async () => {
    scratch = scratchCatalog('invalid');
    const file = scratch.write(
      'catalog.yml',
      [
        'features:',
        '  - name: ok_feature',
        '    reads: [kafka://prod/events]',
        '  - name: typo',
        '    expresion: count(*)',
        '  - name: bad_source',
        '    reads: [no_namespace]',
        'rules:',
        '  - name: no_action',
        '    expression: "true"',
        '  - name: bad_action',
        '    expression: "true"',
        '    action: deny',
        '',
      ].join('\n'),
    );
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(report.errors.map((e) => [e.location, e.message.split(':')[0], e.node?.name])).toEqual([
      [`${file}:5:5`, 'features[1]', 'typo'],
      [`${file}:7:13`, 'features[2].reads[0]', 'bad_source'],
      [`${file}:9:5`, 'rules[0].action', 'no_action'],
      [`${file}:13:13`, 'rules[1].action', 'bad_action'],
    ]);
    expect(report.errors[0]!.message).toContain('expresion');
    expect(report.versions).toEqual([1]);
    expect(await store.node(assetId('risk.features', 'ok_feature'))).not.toBeNull();
    expect(await store.node(assetId('risk.features', 'typo'))).toBeNull();
    expect(await store.node(assetId('risk.rules', 'bad_action'))).toBeNull();
  });

  it('reports an item declared twice and keeps the first', async () => {
    scratch = scratchCatalog('twice');
    const file = scratch.write('a.yaml', ['features:', '  - name: f', '    type: int', '  - name: f', '    type: long', ''].join('\n'));
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(report.errors).toEqual([
      { location: `${file}:4:11`, message: `features[1]: 'risk.features/f' is declared twice (first at ${file}:2:11); this one is ignored`, node: { type: 'ASSET', namespace: 'risk.features', name: 'f' } },
    ]);
    expect((await store.node(assetId('risk.features', 'f')))!.definition.properties).toEqual({ type: 'int' });
  });

  it('commits nothing when a file is not valid YAML: a full sync without it would retract everything it declares', async () => {
    scratch = scratchCatalog('broken', 'basic');
    const first = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(first.versions).toEqual([1]);
    const file = scratch.write('rules.yaml', scratch.read('rules.yaml').replace('  - name: gbdt_high_score', '  - name: [gbdt_high_score'));
    const report = await runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory });
    expect(report.versions).toEqual([]);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.location.startsWith(`${file}:`)).toBe(true);
    expect(report.errors[0]!.message).toMatch(/^YAML syntax error: /);
    expect(await store.node(assetId('risk.rules', 'large_amount_velocity'))).not.toBeNull();
    expect(await store.ingestErrors({ source: 'risk:broken' })).toHaveLength(3);
  });

  it('throws for a missing directory or one without YAML files', async () => {
    scratch = scratchCatalog('empty');
    await expect(runIngestor(store, riskCatalogIngestor(), { directory: scratch.directory })).rejects.toThrow(/has no \.yaml or \.yml files/);
    await expect(runIngestor(store, riskCatalogIngestor(), { directory: `${scratch.directory}/nope` })).rejects.toThrow(/cannot read risk catalog/);
    expect(await store.currentVersion()).toBe(0);
  });
});
