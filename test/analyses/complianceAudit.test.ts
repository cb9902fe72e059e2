import { describe, expect, it } from 'vitest';
import { audit, type ComplianceAudit } from '../../graph-model/analyses/complianceAudit.js';
import { parsePolicy } from '../../graph-model/analyses/policy.js';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { Changeset, Tag } from '../../graph-model/model.js';
import { A, C, NS, fieldEdge, job, reads, table, writes } from '../support/builders.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { HandGraph } from './handGraph.js';

const POLICY = parsePolicy(`
propagate: [pii, sensitivity]
policies:
  - tag: pii
    allowedPurposes: [anti-fraud, aml]
  - tag: pii=id_card
    allowedPurposes: [aml]
`);

function tag(h: HandGraph, name: string, field: string, key: string, value: string): Tag {
  return { nodeId: h.id(name), field, key, value, fromVersion: 1, toVersion: null };
}

const steps = (h: HandGraph, path: { id: string; field: string }[]) => path.map((s) => `${h.name(s.id)}${s.field ? `.${s.field}` : ''}`);

/**
 * The event (phone, id_card, amount) feeds three rules through their evaluations at field level:
 * fraud (anti-fraud) reads phone, kyc (aml) reads id_card, promo (marketing) reads phone and
 * id_card; orphan (no purpose) reads phone. The service decides from fraud and promo. A nightly
 * job copies the event to an archive nobody reads.
 */
function ruleGraph(): { h: HandGraph; tags: Tag[] } {
  const h = new HandGraph().asset('payment.event', { kind: 'EVENT', fields: ['phone', 'id_card', 'amount'] }).asset('archive');
  h.asset('S', { kind: 'SERVICE' }).job('S.decide', { kind: 'SERVICE_CALL' }).job('nightly_copy');
  for (const [rule, fields] of [['fraud', ['phone', 'amount']], ['kyc', ['id_card']], ['promo', ['phone', 'id_card']], ['orphan', ['phone']]] as const) {
    h.asset(rule, { kind: 'RULE' }).job(`${rule}.evaluation`, { kind: 'RULE_EVALUATION' }).computes(`${rule}.evaluation`, ['payment.event'], [rule]);
    for (const f of fields) h.field(`${rule}.evaluation`, ['payment.event', f], [rule, '']);
  }
  h.computes('S.decide', ['fraud', 'promo'], ['S']).computes('nightly_copy', ['payment.event'], ['archive']);
  const tags = [
    tag(h, 'payment.event', 'phone', 'pii', 'phone'),
    tag(h, 'payment.event', 'id_card', 'pii', 'id_card'),
    tag(h, 'payment.event', 'amount', 'owner', 'team-pay'),
    tag(h, 'fraud', '', 'purpose', 'anti-fraud'),
    tag(h, 'kyc', '', 'purpose', 'aml'),
    tag(h, 'promo', '', 'purpose', 'marketing'),
    tag(h, 'S', '', 'purpose', 'anti-fraud'),
  ];
  return { h, tags };
}

const verdicts = (h: HandGraph, report: ComplianceAudit) => Object.fromEntries(report.consumers.map((c) => [h.name(c.id), c.verdict]));

describe('compliance audit on a hand-built index', () => {
  it('lists every consumer of tagged data with its purposes, tags and verdict', () => {
    const { h, tags } = ruleGraph();
    const report = audit(h.graph, tags, POLICY);
    expect(report.version).toBe(1);
    expect(report.policy).toMatchObject({ hash: POLICY.hash, propagate: ['pii', 'sensitivity'] });
    // S reads promo, which reads id_card: anti-fraud may not consume id_card.
    expect(verdicts(h, report)).toEqual({ fraud: 'ALLOWED', kyc: 'ALLOWED', promo: 'VIOLATION', orphan: 'VIOLATION', S: 'VIOLATION', archive: 'UNDECLARED' });
    const fraud = report.consumers.find((c) => h.name(c.id) === 'fraud')!;
    expect(fraud).toMatchObject({ kind: 'RULE', role: 'TERMINAL', purposes: ['anti-fraud'] });
    expect(fraud.tags).toEqual([
      expect.objectContaining({ key: 'pii', value: 'phone', fields: [''], restriction: { policies: ['pii'], allowedPurposes: ['aml', 'anti-fraud'] }, allowed: true }),
    ]);
    expect(steps(h, fraud.tags[0]!.origins[0]!.path)).toEqual(['payment.event.phone', 'fraud.evaluation', 'fraud']);
    expect(report.consumers.find((c) => h.name(c.id) === 'archive')).toMatchObject({ role: 'SINK', purposes: [] });
    // Consumers come out by id, whatever the names.
    expect(report.consumers.map((c) => c.id)).toEqual(report.consumers.map((c) => c.id).sort());
  });

  it('reports every violation with the policy, the allowed purposes and an evidence path from the origin', () => {
    const { h, tags } = ruleGraph();
    const report = audit(h.graph, tags, POLICY);
    const described = report.violations.map((v) => `${h.name(v.consumer.id)} ${v.kind} ${v.purpose ?? '-'} ${v.key}=${v.value}`);
    expect(described.sort()).toEqual(
      [
        'S PURPOSE_NOT_ALLOWED anti-fraud pii=id_card',
        'orphan NO_PURPOSE - pii=phone',
        'promo PURPOSE_NOT_ALLOWED marketing pii=id_card',
        'promo PURPOSE_NOT_ALLOWED marketing pii=phone',
      ].sort(),
    );
    const toService = report.violations.find((v) => h.name(v.consumer.id) === 'S')!;
    expect(toService).toMatchObject({ policies: ['pii', 'pii=id_card'], allowedPurposes: ['aml'], consumer: { kind: 'SERVICE' } });
    expect(steps(h, toService.origins[0]!.path)).toEqual(['payment.event.id_card', 'promo.evaluation', 'promo', 'S.decide', 'S']);
    expect(report.summary).toMatchObject({ consumers: 6, violations: 4, byVerdict: { ALLOWED: 2, VIOLATION: 3, UNDECLARED: 1, UNRESTRICTED: 0 } });
    expect(report.summary.text).toBe('6 consumers of tagged data, 3 in violation (4 violations: 1 NO_PURPOSE, 3 PURPOSE_NOT_ALLOWED)');
    // Same graph, tags and policy: the same report, to the path.
    expect(audit(h.graph, [...tags].reverse(), POLICY)).toEqual(report);
  });

  it('checks a job that declares a purpose, and leaves tags without a policy unrestricted', () => {
    const h = new HandGraph().asset('users', { fields: ['phone'] }).asset('segments').asset('dashboard');
    h.job('segment', { kind: 'BATCH_JOB' }).job('publish').computes('segment', ['users'], ['segments']).computes('publish', ['segments'], ['dashboard']);
    const tags = [tag(h, 'users', 'phone', 'pii', 'phone'), tag(h, 'users', '', 'sensitivity', 'L2'), tag(h, 'segment', '', 'purpose', 'marketing')];
    const report = audit(h.graph, tags, POLICY);
    expect(report.consumers.find((c) => h.name(c.id) === 'segment')).toMatchObject({ role: 'DECLARED_PURPOSE', verdict: 'VIOLATION' });
    expect(report.consumers.find((c) => h.name(c.id) === 'dashboard')!.tags.find((t) => t.key === 'sensitivity')).toMatchObject({ restriction: null, allowed: true });
    // publish reads tagged data but is neither terminal, a sink nor purposeful: not a consumer.
    expect(report.consumers.map((c) => h.name(c.id)).sort()).toEqual(['dashboard', 'segment']);
    const onlySensitivity = audit(h.graph, tags.filter((t) => t.key !== 'pii'), POLICY);
    expect(verdicts(h, onlySensitivity)).toEqual({ dashboard: 'UNRESTRICTED', segment: 'UNRESTRICTED' });
  });

  it('lets a blocking computation or a masking field edge clear a violation', () => {
    const { h, tags } = ruleGraph();
    const blocked = audit(h.graph, [...tags, tag(h, 'promo.evaluation', '', 'dctx.block', 'pii')], POLICY);
    expect(blocked.violations.map((v) => h.name(v.consumer.id)).sort()).toEqual(['orphan']);
  });
});

describeEachEngine('compliance audit from a store', (engine) => {
  const shared = useStore(engine);

  it('reads the tags at a version and reproduces the audit at an older asOf after the path is gone', async () => {
    const store = shared.store();
    // users.phone (pii) is hashed into orders_enriched (masking), and copied whole into user_scores
    // by `score` (no column lineage), which the rule reads. The rule is for marketing.
    const v1: Changeset = {
      source: 'test:audit',
      mode: 'full',
      assets: [
        table('users', ['id', 'phone']),
        table('orders', ['id']),
        table('orders_enriched', ['id', 'phone']),
        table('user_scores', ['score']),
        table('rules.promo', [], { kind: 'RULE' }),
      ],
      computations: [job('enrich'), job('score'), { ...job('evaluate'), kind: 'RULE_EVALUATION' }],
      edges: [reads('users', 'enrich'), reads('orders', 'enrich'), writes('enrich', 'orders_enriched'), reads('users', 'score'), writes('score', 'user_scores'), reads('user_scores', 'evaluate'), reads('orders_enriched', 'evaluate'), writes('evaluate', 'rules.promo')],
      fieldEdges: [fieldEdge('enrich', ['orders', 'id'], ['orders_enriched', 'id']), fieldEdge('enrich', ['users', 'phone'], ['orders_enriched', 'phone'], true)],
      tags: [
        { target: A('users'), field: 'phone', key: 'pii', value: 'phone' },
        { target: A('rules.promo'), key: 'purpose', value: 'marketing' },
        { target: A('users'), key: 'owner', value: 'team-crm' },
      ],
    };
    const first = await store.apply(v1);
    const second = await store.apply({ source: 'test:audit', mode: 'delta', retract: { edges: [reads('users', 'score')] } });
    expect(second.version).toBeGreaterThan(first.version);

    const atFirst = await store.tagsAt(first.version);
    expect(atFirst.version).toBe(first.version);
    expect(atFirst.tags.map((t) => `${t.key}=${t.value}`)).toEqual(expect.arrayContaining(['pii=phone', 'purpose=marketing', 'owner=team-crm']));
    expect((await store.tagsAt(undefined, { keys: ['pii', 'purpose'] })).tags.map((t) => t.key).sort()).toEqual(['pii', 'purpose']);
    expect((await store.tagsAt()).version).toBe(second.version);

    const index = await GraphIndex.load(store);
    try {
      const rule = nodeId('ASSET', NS, 'rules.promo');
      const before = audit(index, atFirst.tags, POLICY, { asOf: atFirst.version });
      expect(before.violations).toEqual([
        expect.objectContaining({ kind: 'PURPOSE_NOT_ALLOWED', purpose: 'marketing', key: 'pii', value: 'phone', consumer: expect.objectContaining({ id: rule }) }),
      ]);
      // The evidence: users.phone -> score (no column lineage) -> user_scores -> evaluate -> the rule; the hashed copy carries nothing.
      expect(before.violations[0]!.origins).toEqual([
        {
          id: nodeId('ASSET', NS, 'users'),
          field: 'phone',
          path: [
            { id: nodeId('ASSET', NS, 'users'), field: 'phone' },
            { id: nodeId('COMPUTATION', C('score').namespace, 'score'), field: '' },
            { id: nodeId('ASSET', NS, 'user_scores'), field: '' },
            { id: nodeId('COMPUTATION', C('evaluate').namespace, 'evaluate'), field: '' },
            { id: rule, field: '' },
          ],
        },
      ]);
      expect(before.consumers.map((c) => c.id)).not.toContain(nodeId('ASSET', NS, 'orders_enriched'));

      const now = await store.tagsAt(second.version);
      const after = audit(index, now.tags, POLICY, { asOf: now.version });
      expect(after).toMatchObject({ version: second.version, violations: [], consumers: [] });
      // The older version still audits as it was.
      expect(audit(index, (await store.tagsAt(first.version)).tags, POLICY, { asOf: first.version })).toEqual(before);
    } finally {
      index.close();
    }
  });
});
