import { describe, expect, it } from 'vitest';
import { carriedBy, propagateTags, type TagPropagation } from '../../graph-model/analyses/tagPropagation.js';
import type { Tag } from '../../graph-model/model.js';
import { HandGraph } from './handGraph.js';

/** A tag on a hand-built node (by name), valid from `from` until `to`. */
function tag(h: HandGraph, name: string, field: string, key: string, value: string, from = 1, to: number | null = null): Tag {
  return { nodeId: h.id(name), field, key, value, fromVersion: from, toVersion: to };
}

/** `name.field key=value` for every carried tag, e.g. `enriched.phone pii=phone`. */
const carried = (h: HandGraph, p: TagPropagation) => p.tags.map((t) => `${h.name(t.id)}${t.field ? `.${t.field}` : ''} ${t.key}=${t.value}`);

/** A path as `name.field` steps (computations without a field). */
const steps = (h: HandGraph, path: { id: string; field: string }[]) => path.map((s) => `${h.name(s.id)}${s.field ? `.${s.field}` : ''}`);

/**
 * orders(id, phone, amount) is read by: enrich (field edges: phone copied, phone hashed with
 * masking, amount copied), totals (field edges from amount only) and dump (no field edges).
 */
function ordersGraph(): HandGraph {
  return new HandGraph()
    .asset('orders', { fields: ['id', 'phone', 'amount'] })
    .asset('enriched', { fields: ['phone', 'phone_hash', 'amount'] })
    .asset('totals_out')
    .asset('dump_out')
    .job('enrich')
    .job('totals')
    .job('dump')
    .computes('enrich', ['orders'], ['enriched'])
    .computes('totals', ['orders'], ['totals_out'])
    .computes('dump', ['orders'], ['dump_out'])
    .field('enrich', ['orders', 'phone'], ['enriched', 'phone'])
    .field('enrich', ['orders', 'phone'], ['enriched', 'phone_hash'], 1, undefined, true)
    .field('enrich', ['orders', 'amount'], ['enriched', 'amount'])
    .field('totals', ['orders', 'amount'], ['totals_out', 'sum']);
}

describe('tag propagation on a hand-built index', () => {
  it('follows field edges from a tagged field, stops at masking, and goes node level where no field edges exist', () => {
    const h = ordersGraph();
    const p = propagateTags(h.graph, [tag(h, 'orders', 'phone', 'pii', 'phone')]);
    // totals reads orders but not its phone column; dump reads orders without column lineage.
    expect(carried(h, p).sort()).toEqual(['dump pii=phone', 'dump_out pii=phone', 'enrich pii=phone', 'enriched.phone pii=phone', 'orders.phone pii=phone'].sort());
    const enriched = p.tags.find((t) => h.name(t.id) === 'enriched')!;
    expect(enriched).toMatchObject({ field: 'phone', declared: false, origins: [{ id: h.id('orders'), field: 'phone' }] });
    expect(steps(h, enriched.origins[0]!.path)).toEqual(['orders.phone', 'enrich', 'enriched.phone']);
    expect(steps(h, carriedBy(p, h.id('dump_out'))[0]!.origins[0]!.path)).toEqual(['orders.phone', 'dump', 'dump_out']);
    const declared = carriedBy(p, h.id('orders'))[0]!;
    expect(declared).toMatchObject({ declared: true, field: 'phone' });
    expect(steps(h, declared.origins[0]!.path)).toEqual(['orders.phone']);
    expect(p.version).toBe(1);
  });

  it('takes a whole-asset tag along node edges, to every reader and what it writes', () => {
    const h = ordersGraph();
    const p = propagateTags(h.graph, [tag(h, 'orders', '', 'sensitivity', 'L3')]);
    expect(carried(h, p).sort()).toEqual(
      ['orders', 'enrich', 'enriched', 'totals', 'totals_out', 'dump', 'dump_out'].map((n) => `${n} sensitivity=L3`).sort(),
    );
  });

  it('propagates only the declared propagating keys', () => {
    const h = ordersGraph();
    const tags = [tag(h, 'orders', '', 'owner', 'team-x'), tag(h, 'orders', 'phone', 'pii', 'phone'), tag(h, 'orders', '', 'purpose', 'ads')];
    expect(propagateTags(h.graph, tags, { propagate: ['owner'] }).tags.map((t) => h.name(t.id))).toContain('totals_out');
    expect(propagateTags(h.graph, tags, { propagate: ['owner'] }).tags.every((t) => t.key === 'owner')).toBe(true);
    expect(propagateTags(h.graph, tags).tags.every((t) => t.key === 'pii')).toBe(true);
    expect(propagateTags(h.graph, tags).propagate).toEqual(['pii', 'sensitivity']);
  });

  it('stops at a computation declared blocking, for its keys only; the blocker itself still reads the data', () => {
    const h = new HandGraph().asset('users').asset('anon').asset('report').job('anonymize').job('publish');
    h.computes('anonymize', ['users'], ['anon']).computes('publish', ['anon'], ['report']);
    const pii = tag(h, 'users', '', 'pii', 'phone');
    const sensitivity = tag(h, 'users', '', 'sensitivity', 'L3');
    const blockPii = propagateTags(h.graph, [pii, sensitivity, tag(h, 'anonymize', '', 'dctx.block', 'pii')]);
    expect(carried(h, blockPii).filter((t) => t.endsWith('pii=phone')).sort()).toEqual(['anonymize pii=phone', 'users pii=phone']);
    expect(carried(h, blockPii).filter((t) => t.startsWith('report'))).toEqual(['report sensitivity=L3']);
    const blockAll = propagateTags(h.graph, [pii, sensitivity, tag(h, 'anonymize', '', 'dctx.block', '*')]);
    expect(carried(h, blockAll).map((t) => t.split(' ')[0])).not.toContain('anon');
    // A comma-separated list blocks each key it names.
    const blockBoth = propagateTags(h.graph, [pii, sensitivity, tag(h, 'anonymize', '', 'dctx.block', 'pii, sensitivity')]);
    expect(carried(h, blockBoth).map((t) => t.split(' ')[0]).sort()).toEqual(['anonymize', 'anonymize', 'users', 'users']);
    // A declaration on an asset declares nothing.
    const onAsset = propagateTags(h.graph, [pii, tag(h, 'anon', '', 'dctx.block', '*')]);
    expect(carried(h, onAsset)).toContain('report pii=phone');
  });

  it('blocks field-level flow at a blocking computation too', () => {
    const h = ordersGraph();
    const p = propagateTags(h.graph, [tag(h, 'orders', 'phone', 'pii', 'phone'), tag(h, 'enrich', '', 'dctx.block', 'pii')]);
    expect(carried(h, p)).toContain('enrich pii=phone');
    expect(carried(h, p).some((t) => t.startsWith('enriched'))).toBe(false);
  });

  it('remembers every origin reaching a node, each with its own path', () => {
    const h = new HandGraph().asset('events', { fields: ['phone', 'ip'] }).asset('users', { fields: ['phone'] }).asset('R', { kind: 'RULE' }).asset('S', { kind: 'SERVICE' });
    h.job('R.evaluation', { kind: 'RULE_EVALUATION' }).job('S.decide', { kind: 'SERVICE_CALL' });
    h.computes('R.evaluation', ['events', 'users'], ['R']).computes('S.decide', ['R'], ['S']);
    h.field('R.evaluation', ['events', 'phone'], ['R', '']).field('R.evaluation', ['users', 'phone'], ['R', '']);
    const p = propagateTags(h.graph, [tag(h, 'events', 'phone', 'pii', 'phone'), tag(h, 'users', 'phone', 'pii', 'phone'), tag(h, 'events', 'ip', 'pii', 'ip')]);
    const rule = carriedBy(p, h.id('R'));
    expect(rule.map((t) => `${t.key}=${t.value}`)).toEqual(['pii=phone']);
    expect(rule[0]!.origins.map((o) => `${h.name(o.id)}.${o.field}`).sort()).toEqual(['events.phone', 'users.phone']);
    const service = carriedBy(p, h.id('S'))[0]!;
    expect(steps(h, service.origins.find((o) => h.name(o.id) === 'users')!.path)).toEqual(['users.phone', 'R.evaluation', 'R', 'S.decide', 'S']);
    // ip is not read by the rule's condition.
    expect(p.tags.filter((t) => t.value === 'ip').map((t) => h.name(t.id))).toEqual(['events']);
  });

  it('follows nested fields and dataset-level field edges', () => {
    const h = new HandGraph().asset('users', { fields: ['address', 'address.city'] }).asset('cities').asset('counts').job('geo').job('count');
    h.computes('geo', ['users'], ['cities']).computes('count', ['users'], ['counts']);
    h.field('geo', ['users', 'address.city'], ['cities', 'city']).field('count', ['users', ''], ['counts', 'n']);
    const p = propagateTags(h.graph, [tag(h, 'users', 'address', 'pii', 'address')]);
    expect(carried(h, p)).toEqual(expect.arrayContaining(['cities.city pii=address', 'counts.n pii=address']));
  });

  it('computes at a version: a tag disappears when its last path goes, and stays at the older asOf', () => {
    // v1: orders -> copy -> mart; v2: the edge orders -> copy ends; v3: the pii tag itself ends.
    const h = new HandGraph(3).asset('orders').asset('mart').job('copy');
    h.edge('orders', 'copy', 1, 2).edge('copy', 'mart');
    const tags = [tag(h, 'orders', '', 'pii', 'email', 1, 3)];
    expect(carried(h, propagateTags(h.graph, tags, { asOf: 1 }))).toEqual(expect.arrayContaining(['mart pii=email', 'copy pii=email']));
    expect(carried(h, propagateTags(h.graph, tags, { asOf: 2 }))).toEqual(['orders pii=email']);
    expect(carried(h, propagateTags(h.graph, tags, { asOf: 3 }))).toEqual([]);
    expect(propagateTags(h.graph, tags, { asOf: 1 }).version).toBe(1);
  });

  it('terminates on cycles, each node carrying the tag once', () => {
    // upsert reads and writes T (field to field); loop2 goes T -> U -> back to T at node level.
    const h = new HandGraph().asset('src', { fields: ['phone'] }).asset('T', { fields: ['phone'] }).asset('U').job('load').job('upsert').job('there').job('back');
    h.computes('load', ['src'], ['T']).computes('upsert', ['T'], ['T']).computes('there', ['T'], ['U']).computes('back', ['U'], ['T']);
    h.field('load', ['src', 'phone'], ['T', 'phone']).field('upsert', ['T', 'phone'], ['T', 'phone']);
    const p = propagateTags(h.graph, [tag(h, 'src', 'phone', 'pii', 'phone')]);
    expect(carried(h, p).sort()).toEqual(['T pii=phone', 'T.phone pii=phone', 'U pii=phone', 'back pii=phone', 'load pii=phone', 'src.phone pii=phone', 'there pii=phone', 'upsert pii=phone'].sort());
    expect(steps(h, carriedBy(p, h.id('T')).find((t) => t.field === '')!.origins[0]!.path)).toEqual(['src.phone', 'load', 'T.phone', 'there', 'U', 'back', 'T']);
  });

  it('a tag declared on a computation flows to what it writes', () => {
    const h = new HandGraph().asset('in').asset('out').job('enrich_from_vendor').computes('enrich_from_vendor', ['in'], ['out']);
    const p = propagateTags(h.graph, [tag(h, 'enrich_from_vendor', 'anything', 'pii', 'name')]);
    expect(carried(h, p)).toEqual(expect.arrayContaining(['enrich_from_vendor pii=name', 'out pii=name']));
    expect(p.tags.find((t) => h.name(t.id) === 'enrich_from_vendor')).toMatchObject({ declared: true, field: '' });
  });

  it('ignores tags of nodes not valid at the version and tags not valid there', () => {
    const h = new HandGraph(2).asset('gone', { to: 2 }).asset('kept').job('j').computes('j', ['kept'], ['gone']);
    const p = propagateTags(h.graph, [tag(h, 'gone', '', 'pii', 'x'), tag(h, 'kept', '', 'pii', 'y', 3)], { asOf: 2 });
    expect(p.tags).toEqual([]);
  });
});
