import { describe, expect, it } from 'vitest';
import { parseBucket } from '../../../ingestors/metrics/parseBucket.js';
import { parseTarget } from '../../../graph-model/ids.js';
import { describeIssues, metricsFileRowSchema } from '../../../ingestors/metrics/rowSchema.js';

describe('parseTarget', () => {
  it('splits a URI namespace after its authority, a plain one at the first slash', () => {
    expect(parseTarget('asset:postgres://warehouse:5432/risk.orders')).toEqual({ type: 'ASSET', namespace: 'postgres://warehouse:5432', name: 'risk.orders' });
    expect(parseTarget('computation:airflow/features.daily')).toEqual({ type: 'COMPUTATION', namespace: 'airflow', name: 'features.daily' });
    expect(parseTarget('asset:s3://bucket//data/events.parquet')).toEqual({ type: 'ASSET', namespace: 's3://bucket', name: '/data/events.parquet' });
    expect(parseTarget('asset:risk-engine/rules/velocity')).toEqual({ type: 'ASSET', namespace: 'risk-engine', name: 'rules/velocity' });
  });

  it('refuses an unknown type or a missing name', () => {
    expect(parseTarget('table:x/y')).toHaveProperty('error');
    expect(parseTarget('asset:no-slash')).toHaveProperty('error');
    expect(parseTarget('asset:postgres://host:5432')).toHaveProperty('error');
    expect(parseTarget('asset:ns/')).toHaveProperty('error');
  });
});

describe('parseBucket', () => {
  it('reads a date as a UTC day and a timestamp with a granularity as that bucket', () => {
    expect(parseBucket('2026-11-01', undefined)).toEqual({ granularity: 'day', start: '2026-11-01T00:00:00.000Z' });
    expect(parseBucket('2026-11-01', 'day')).toEqual({ granularity: 'day', start: '2026-11-01T00:00:00.000Z' });
    expect(parseBucket('2026-11-01T10:00:00Z', 'hour')).toEqual({ granularity: 'hour', start: '2026-11-01T10:00:00.000Z' });
    expect(parseBucket('2026-11-01T18:00+08:00', 'hour')).toEqual({ granularity: 'hour', start: '2026-11-01T10:00:00.000Z' });
    expect(parseBucket('2026-11-01T00:00:00Z', 'day')).toEqual({ granularity: 'day', start: '2026-11-01T00:00:00.000Z' });
  });

  it('refuses bad dates, misaligned or offset-less timestamps, and a timestamp without granularity', () => {
    expect(parseBucket('2026-02-30', undefined)).toHaveProperty('error');
    expect(parseBucket('2026-13-01', undefined)).toHaveProperty('error');
    expect(parseBucket('yesterday', undefined)).toHaveProperty('error');
    expect(parseBucket('2026-11-01T10:30:00Z', 'hour')).toHaveProperty('error');
    expect(parseBucket('2026-11-01T10:00:00Z', 'day')).toHaveProperty('error');
    expect(parseBucket('2026-11-01T10:00:00', 'hour')).toHaveProperty('error');
    expect(parseBucket('2026-11-01T10:00:00Z', undefined)).toHaveProperty('error');
    expect(parseBucket('2026-11-01', 'hour')).toHaveProperty('error');
  });
});

describe('metricsFileRowSchema', () => {
  const parse = (values: Record<string, unknown>) => {
    const result = metricsFileRowSchema.safeParse(values);
    return result.success ? result.data : describeIssues(result.error);
  };

  it('reads a metric row from CSV text and a tag row from separate target columns', () => {
    expect(parse({ kind: 'metric', target: 'asset:ns/rule', metric: 'rule.hits', bucket: '2026-11-01', value: ' 12.5 ' })).toEqual({
      kind: 'metric',
      target: { type: 'ASSET', namespace: 'ns', name: 'rule' },
      field: '',
      metric: 'rule.hits',
      bucket: { granularity: 'day', start: '2026-11-01T00:00:00.000Z' },
      value: 12.5,
    });
    expect(parse({ kind: 'tag', type: 'Asset', namespace: 'ns', name: 't', field: 'phone', key: 'pii', value: 'phone' })).toEqual({
      kind: 'tag',
      target: { type: 'ASSET', namespace: 'ns', name: 't' },
      field: 'phone',
      key: 'pii',
      value: 'phone',
    });
  });

  it('names the bad column of a bad row', () => {
    expect(parse({ kind: 'metric', target: 'asset:ns/r', metric: 'rule.hits', bucket: '2026-11-01', value: 'n/a' })).toBe('value: expected a number, got "n/a"');
    expect(parse({ kind: 'metric', target: 'asset:ns/r', metric: 'rule.hits', bucket: '2026-11-31', value: '1' })).toMatch(/^bucket: "2026-11-31" is not a valid date/);
    expect(parse({ kind: 'metric', target: 'asset:ns/r', metric: 'Rule Hits', bucket: '2026-11-01', value: '1' })).toMatch(/^metric: /);
    expect(parse({ kind: 'gauge', target: 'asset:ns/r', value: '1' })).toMatch(/kind must be metric or tag/);
    expect(parse({ kind: 'tag', key: 'pii', value: 'x' })).toMatch(/^target: required/);
    expect(parse({ kind: 'tag', target: 'asset:ns/r', type: 'asset', key: 'pii', value: 'x' })).toMatch(/^target: give either/);
    expect(parse({ kind: 'tag', target: 'asset:ns/r', key: 'pii' })).toMatch(/^value: /);
  });
});
