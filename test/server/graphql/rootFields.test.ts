import { expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { data, gql, useLoadedService } from './graphqlClient.js';
import { WINDOW, ids, loadRiskPlatform } from './riskGraph.js';

describeEachEngine('GraphQL root fields over HTTP', (engine) => {
  const loaded = useLoadedService(engine, loadRiskPlatform);

  it('asset, computation and node resolve by identity and id, with __typename telling them apart', async () => {
    const d = await data(
      loaded.service().base,
      `query($ns: String!, $jobs: String!, $id: ID!) {
        graphVersion
        asset(namespace: $ns, name: "dw.x") { __typename id namespace name kind description owners { name type } fields { name type } }
        computation(namespace: $jobs, name: "c1") { __typename id kind definition { language text } runs { totalCount nodes { runId state cost computation { id } } } }
        node(id: $id) { __typename id name kind }
        missing: asset(namespace: $ns, name: "nope") { id }
      }`,
      { ns: 'hive://gql', jobs: 'airflow://gql', id: ids.rule },
    );
    expect(d.graphVersion).toBe(2);
    expect(d.asset).toEqual({
      __typename: 'Asset', id: ids.x, namespace: 'hive://gql', name: 'dw.x', kind: 'TABLE', description: 'the wide table',
      owners: [{ name: 'team-risk', type: 'TEAM' }], fields: [{ name: 'id', type: 'bigint' }],
    });
    expect(d.computation).toMatchObject({ __typename: 'Computation', id: ids.c1, kind: 'BATCH_JOB', definition: { language: 'sql', text: '-- c1' } });
    expect(d.computation.runs).toEqual({ totalCount: 1, nodes: [{ runId: '00000000-0000-4000-8000-000000000001', state: 'COMPLETE', cost: 4, computation: { id: ids.c1 } }] });
    expect(d.node).toEqual({ __typename: 'Asset', id: ids.rule, name: 'rules.block_x', kind: 'RULE' });
    expect(d.missing).toBeNull();
  });

  it('links both ways: producers and consumers of an asset, inputs and outputs of a computation, at any asOf', async () => {
    const q = `query($id: ID!, $jobs: String!, $asOf: AsOf) {
      node(id: $id, asOf: $asOf) { ... on Asset { producers { totalCount nodes { name } } consumers { nodes { name } } tags { key value field } fields { name tags { key value } } } }
      computation(namespace: $jobs, name: "c2", asOf: $asOf) { inputs { nodes { name } } outputs { nodes { name } } }
    }`;
    const latest = await data(loaded.service().base, q, { id: ids.x, jobs: 'airflow://gql' });
    expect(latest.node.producers).toEqual({ totalCount: 2, nodes: [{ name: 'c1' }, { name: 'c2' }] });
    expect(latest.node.consumers.nodes).toEqual([{ name: 'features.x_score.pipeline' }]);
    expect(latest.computation.inputs.nodes).toEqual([{ name: 'ods.a' }]);
    expect(latest.computation.outputs.nodes).toEqual([{ name: 'dw.x' }]);
    const old = await data(loaded.service().base, q, { id: ids.x, jobs: 'airflow://gql', asOf: 1 });
    expect(old.computation.inputs.nodes).toEqual([{ name: 'ods.a' }, { name: 'ods.c' }]);
    const b = await data(loaded.service().base, q, { id: ids.b, jobs: 'airflow://gql' });
    expect(b.node.tags).toEqual([{ key: 'pii', value: 'phone', field: 'phone' }]);
    expect(b.node.fields).toEqual([{ name: 'id', tags: [] }, { name: 'phone', tags: [{ key: 'pii', value: 'phone' }] }]);
  });

  it('search pages through every match with cursors, and filters by kind, tag and owner', async () => {
    const q = `query($q: String!, $first: Int, $after: String, $kinds: [NodeKind!], $tags: [String!], $owner: String) {
      search(query: $q, first: $first, after: $after, kinds: $kinds, tags: $tags, owner: $owner) { totalCount nodes { id name kind } pageInfo { hasNextPage endCursor } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const d: any = await data(loaded.service().base, q, { q: '', first: 3, after });
      expect(d.search.totalCount).toBe(10);
      seen.push(...d.search.nodes.map((n: { name: string }) => n.name));
      if (!d.search.pageInfo.hasNextPage) break;
      after = d.search.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(seen).toEqual([...seen].sort());
    expect((await data(loaded.service().base, q, { q: 'ODS' })).search.nodes.map((n: { name: string }) => n.name)).toEqual(['ods.a', 'ods.b', 'ods.c']);
    expect((await data(loaded.service().base, q, { q: 'x score' })).search.nodes.map((n: { name: string }) => n.name)).toEqual(['features.x_score', 'features.x_score.pipeline']);
    expect((await data(loaded.service().base, q, { q: '', kinds: ['RULE', 'FEATURE'] })).search.nodes.map((n: { kind: string }) => n.kind).sort()).toEqual(['FEATURE', 'RULE']);
    expect((await data(loaded.service().base, q, { q: '', tags: ['pii'] })).search.nodes.map((n: { id: string }) => n.id)).toEqual([ids.b]);
    expect((await data(loaded.service().base, q, { q: '', tags: ['purpose=anti-fraud'] })).search.nodes.map((n: { id: string }) => n.id)).toEqual([ids.rule]);
    expect((await data(loaded.service().base, q, { q: '', tags: ['purpose=aml'] })).search.totalCount).toBe(0);
    expect((await data(loaded.service().base, q, { q: '', owner: 'team-risk' })).search.nodes.map((n: { id: string }) => n.id)).toEqual([ids.x]);
    expect((await data(loaded.service().base, q, { q: '100%_' })).search.totalCount).toBe(0);
  });

  it('lineage returns the subgraph with READS/WRITES edges, distances, and truncated when capped', async () => {
    const q = `query($id: ID!, $depth: Int!, $max: Int, $asOf: AsOf, $dir: Direction!) {
      lineage(id: $id, direction: $dir, depth: $depth, maxNodes: $max, asOf: $asOf) { version nodes { id __typename kind } edges { from to kind } distances { id distance } truncated truncatedReason }
    }`;
    const down = (await data(loaded.service().base, q, { id: ids.c, depth: 10, dir: 'DOWNSTREAM', asOf: 1 })).lineage;
    expect(down.version).toBe(1);
    expect(down.nodes.map((n: { id: string }) => n.id).sort()).toEqual([ids.c, ids.c2, ids.x, ids.pipeline, ids.feature, ids.evaluation, ids.rule].sort());
    expect(down.edges).toContainEqual({ from: ids.c, to: ids.c2, kind: 'READS' });
    expect(down.edges).toContainEqual({ from: ids.c2, to: ids.x, kind: 'WRITES' });
    expect(down.distances).toContainEqual({ id: ids.rule, distance: 6 });
    expect(down.truncated).toBe(false);
    // At the latest version c2 no longer reads C: C reaches nothing.
    const now = (await data(loaded.service().base, q, { id: ids.c, depth: 10, dir: 'DOWNSTREAM' })).lineage;
    expect(now.nodes.map((n: { id: string }) => n.id)).toEqual([ids.c]);
    const capped = (await data(loaded.service().base, q, { id: ids.rule, depth: 10, dir: 'UPSTREAM', max: 3 })).lineage;
    expect(capped.truncated).toBe(true);
    expect(capped.truncatedReason).toBe('MAX_NODES');
    expect(capped.nodes.length).toBeLessThanOrEqual(3);
  });

  it('impact tells broken from degraded, with evidence paths, owners, traffic and a summary', async () => {
    const q = `query($ids: [ID!]!, $from: String, $to: String) {
      impact(ids: $ids, mode: DELETE, from: $from, to: $to) {
        version broken { node { id } distance path traffic } degraded { node { id } distance path owners } summary counts { status kind count traffic }
      }
    }`;
    const onlyB = (await data(loaded.service().base, q, { ids: [ids.b], ...WINDOW })).impact;
    expect(onlyB.broken.map((n: { node: { id: string } }) => n.node.id)).toEqual([ids.c1]);
    expect(onlyB.degraded[0]).toEqual({ node: { id: ids.x }, distance: 2, path: [ids.b, ids.c1, ids.x], owners: ['team-risk'] });
    // What reads a degraded table is degraded in turn, down to the rule; nothing there is broken.
    expect(onlyB.degraded.map((n: { node: { id: string } }) => n.node.id)).toEqual([ids.x, ids.pipeline, ids.feature, ids.evaluation, ids.rule]);
    const onlyA = (await data(loaded.service().base, q, { ids: [ids.a], ...WINDOW })).impact;
    expect(onlyA.broken.map((n: { node: { id: string } }) => n.node.id).sort()).toEqual([ids.c1, ids.c2, ids.x, ids.pipeline, ids.feature, ids.evaluation, ids.rule].sort());
    const rule = onlyA.broken.find((n: { node: { id: string } }) => n.node.id === ids.rule);
    expect(rule.path[0]).toBe(ids.a);
    expect(rule.path.at(-1)).toBe(ids.rule);
    expect(rule.traffic).toBe(1000);
    expect(onlyA.counts).toContainEqual({ status: 'BROKEN', kind: 'RULE', count: 1, traffic: 1000 });
    expect(onlyA.summary).toMatch(/1 rule broken/);
    // A page of the nearest: counts still cover everything, and the report says it was cut.
    const firstTwo = (await data(loaded.service().base, `query($ids: [ID!]!) { impact(ids: $ids, first: 2) { broken { node { id } distance } truncated counts { count } } }`, { ids: [ids.a] })).impact;
    expect(firstTwo.broken).toHaveLength(2);
    expect(firstTwo.broken).toEqual(expect.arrayContaining([{ node: { id: ids.c1 }, distance: 1 }, { node: { id: ids.c2 }, distance: 1 }]));
    expect(firstTwo.truncated).toBe(true);
    expect(firstTwo.counts.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(7);
  });

  it('costAttribution conserves the total cost; decommissionCandidates lists what feeds no rule', async () => {
    const cost = (await data(loaded.service().base, `query($from: String, $to: String) { costAttribution(from: $from, to: $to) { totalCost attributedTotal unattributedTotal attributed { node { id } attributedCost costPer1000Evaluations evaluations } } }`, WINDOW)).costAttribution;
    expect(cost.totalCost).toBe(45);
    expect(cost.attributedTotal + cost.unattributedTotal).toBeCloseTo(45, 9);
    expect(cost.attributed).toEqual([{ node: { id: ids.rule }, attributedCost: 45, evaluations: 7000, costPer1000Evaluations: (45 / 7000) * 1000 }]);
    const dec = (await data(loaded.service().base, `query($from: String, $to: String) { decommissionCandidates(from: $from, to: $to) { totalSavings candidates { node { id } reason } } }`, WINDOW)).decommissionCandidates;
    // ods.c feeds nothing at the latest version.
    expect(dec.candidates).toContainEqual({ node: { id: ids.c }, reason: 'NO_CONSUMER' });
  });

  it('history and changes say what changed, when, by which source', async () => {
    const d = await data(loaded.service().base, `query($id: ID!) {
      history(id: $id) { version change source kind edges { change kind from to } }
      changes(since: 0) { version source mode stats { edgesRemoved nodesCreated } added { kind from to label } removed { kind from to } }
    }`, { id: ids.x });
    // Version 2 retracts a read of c2, which writes dw.x: what x is computed from changed (issue 19).
    expect(d.history).toEqual([
      { version: 1, change: 'CREATED', source: 'test:gql', kind: 'TABLE', edges: [] },
      { version: 2, change: 'EDGES_CHANGED', source: 'test:gql', kind: 'TABLE', edges: [{ change: 'REMOVED', kind: 'READS', from: 'hive://gql/ods.c', to: 'airflow://gql/c2' }] },
    ]);
    expect(d.changes.map((c: { version: number }) => c.version)).toEqual([1, 2]);
    expect(d.changes[0].stats.nodesCreated).toBe(10);
    expect(d.changes[0].added).toContainEqual({ kind: 'TAG', from: ids.b, to: null, label: 'phone:pii=phone' });
    expect(d.changes[1]).toMatchObject({ mode: 'delta', stats: { edgesRemoved: 1 }, removed: [{ kind: 'READS', from: ids.c, to: ids.c2 }] });
  });

  it('audit lists consumers of tagged data and violations with evidence paths, at the version it names', async () => {
    const policy = 'propagate: [pii]\npolicies:\n  - tag: pii\n    allowedPurposes: [aml]\n';
    const q = `query($policy: String, $asOf: AsOf) {
      audit(policy: $policy, asOf: $asOf) { version policyHash propagate consumers { node { id } role purposes verdict } violations { kind consumer { id } purpose key value origins { id field path { id } } } summary }
    }`;
    const report = (await data(loaded.service().base, q, { policy })).audit;
    expect(report.version).toBe(2);
    expect(report.propagate).toEqual(['pii']);
    expect(report.consumers).toContainEqual({ node: { id: ids.rule }, role: 'TERMINAL', purposes: ['anti-fraud'], verdict: 'VIOLATION' });
    expect(report.violations).toEqual([
      {
        kind: 'PURPOSE_NOT_ALLOWED', consumer: { id: ids.rule }, purpose: 'anti-fraud', key: 'pii', value: 'phone',
        origins: [{ id: ids.b, field: 'phone', path: [ids.b, ids.c1, ids.x, ids.pipeline, ids.feature, ids.evaluation, ids.rule].map((id) => ({ id })) }],
      },
    ]);
    // The same asOf and policy give the same report; an allowing policy gives none.
    expect((await data(loaded.service().base, q, { policy })).audit).toEqual(report);
    const allowing = (await data(loaded.service().base, q, { policy: policy.replace('[aml]', '[aml, anti-fraud]') })).audit;
    expect(allowing.violations).toEqual([]);
    expect(allowing.policyHash).not.toBe(report.policyHash);
    const bad = await gql(loaded.service().base, q, { policy: 'policies:\n  - tag: pii\n    allowedPurposes: nope\n' });
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'policy' });
    expect(bad.body.errors[0].message).toMatch(/policies\[0\]\.allowedPurposes/);
  });

  it('reads at a timestamp asOf, and refuses an asOf that is no time or version', async () => {
    const d = await data(loaded.service().base, `query($id: ID!) { before: node(id: $id, asOf: "2000-01-01T00:00:00Z") { id } later: node(id: $id, asOf: "2999-01-01T00:00:00Z") { id } }`, { id: ids.c });
    expect(d).toEqual({ before: null, later: { id: ids.c } });
    const bad = await gql(loaded.service().base, `{ node(id: "${ids.c}", asOf: "yesterday") { id } }`);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors[0].message).toMatch(/yesterday/);
    const ahead = await gql(loaded.service().base, `{ node(id: "${ids.c}", asOf: 99) { id } }`);
    expect(ahead.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'asOf' } });
    expect(ahead.body.errors[0].message).toMatch(/ahead of the latest graph version 2/);
    const missing = await gql(loaded.service().base, `{ lineage(id: "aNoSuchNode", direction: UPSTREAM) { version } }`);
    expect(missing.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
