import { describe, expect, it } from 'vitest';
import { fieldPath, type FieldEdgeData } from './fieldPath.ts';

const edge = (input: string, output: string, computation: string, extra: Partial<FieldEdgeData> = {}): FieldEdgeData => {
  const [inId, inField] = input.split('.') as [string, string];
  const [outId, outField] = output.split('.') as [string, string];
  return { computation, input: { id: inId, field: inField }, output: { id: outId, field: outField }, transformationType: 'DIRECT', subtype: 'IDENTITY', masking: false, ...extra };
};

describe('field path', () => {
  // ods.card_no -> dwd.card_no -> ads.card_hash (masked) ; ods.user_id -> dwd.user_id (sibling, same job)
  const edges = [
    edge('ods.card_no', 'dwd.card_no', 'j1'),
    edge('ods.user_id', 'dwd.user_id', 'j1'),
    edge('dwd.card_no', 'ads.card_hash', 'j2', { masking: true, subtype: 'TRANSFORMATION' }),
    edge('dwd.user_id', 'ads.user_cnt', 'j2', { subtype: 'AGGREGATION' }),
    edge('ads.card_hash', 'feat.card_risk', 'j3'),
  ];

  it('follows a field through every hop, up and down, without its siblings', () => {
    const path = fieldPath({ id: 'dwd', field: 'card_no' }, edges);
    expect([...path.fields].sort()).toEqual(['ads#card_hash', 'dwd#card_no', 'feat#card_risk', 'ods#card_no']);
    expect(path.edges.map((e) => `${e.input.field}>${e.output.field}`)).toEqual(['card_no>card_no', 'card_no>card_hash', 'card_hash>card_risk']);
    expect([...path.computations].sort()).toEqual(['j1', 'j2', 'j3']);
  });

  it('does not walk down from an upstream field into its other outputs', () => {
    // ods.card_no also feeds a second column; following ads.card_hash upstream must not pick it up.
    const more = [...edges, edge('ods.card_no', 'dwd.card_bin', 'j1')];
    const path = fieldPath({ id: 'ads', field: 'card_hash' }, more);
    expect(path.fields.has('dwd#card_bin')).toBe(false);
    expect(path.fields.has('ods#card_no')).toBe(true);
  });

  it('terminates on a cycle (a job that rewrites its own column)', () => {
    const cyclic = [edge('t.a', 't.a', 'j'), edge('t.a', 'u.b', 'k')];
    expect([...fieldPath({ id: 't', field: 'a' }, cyclic).fields].sort()).toEqual(['t#a', 'u#b']);
  });
});
