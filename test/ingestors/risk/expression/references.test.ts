import { describe, expect, it } from 'vitest';
import { parseRuleExpression, type ExpressionReference } from '../../../../ingestors/risk/expression/index.js';

/** References as `KIND name[.field] @line:column` strings, in the order returned. */
function refs(text: string): string[] {
  return parseRuleExpression(text).references.map(show);
}

function show(ref: ExpressionReference): string {
  const at = `@${ref.position.line}:${ref.position.column}`;
  switch (ref.kind) {
    case 'MODEL':
      return `MODEL ${ref.name}${ref.field === null ? ' (default output)' : `.${ref.field}`} ${at}`;
    case 'EVENT_FIELD':
      return `EVENT_FIELD ${ref.path === '' ? '(whole event)' : ref.path} ${at}`;
    default:
      return `${ref.kind} ${ref.name} ${at}`;
  }
}

describe('rule-expression references', () => {
  it('lists features, model outputs and event fields of the issue example with positions', () => {
    expect(refs("event.amount > 5000 and feature('user_7d_txn_cnt') > 20 and model('fraud_gbdt_v3').score > 0.92")).toEqual([
      'EVENT_FIELD amount @1:1',
      'FEATURE user_7d_txn_cnt @1:25',
      'MODEL fraud_gbdt_v3.score @1:61',
    ]);
  });

  it('lists functions and keeps source order', () => {
    expect(
      refs("(event.amount / feature('user_avg_amount_30d')) > 10 and list_contains(feature('user_devices_30d'), event.device_id)"),
    ).toEqual([
      'EVENT_FIELD amount @1:2',
      'FEATURE user_avg_amount_30d @1:17',
      'FUNCTION list_contains @1:58',
      'FEATURE user_devices_30d @1:72',
      'EVENT_FIELD device_id @1:101',
    ]);
  });

  it('gives dotted event paths and nested model output fields', () => {
    expect(refs("event.device.id == 'x' or model('m').outputs.fraud > 0.5")).toEqual([
      'EVENT_FIELD device.id @1:1',
      'MODEL m.outputs.fraud @1:27',
    ]);
  });

  it('treats model(...) without a field as its default output, distinct from named fields', () => {
    expect(refs("model('m') > 0.5 or model('m').score > 0.9")).toEqual([
      'MODEL m (default output) @1:1',
      'MODEL m.score @1:21',
    ]);
  });

  it('stops an event path at a method call and reports the method as a function', () => {
    expect(refs("event.email.lower().endsWith('@x.com')")).toEqual([
      'EVENT_FIELD email @1:1',
      'FUNCTION lower @1:13',
      'FUNCTION endsWith @1:21',
    ]);
  });

  it('does not extend a feature reference with members of its value', () => {
    expect(refs("feature('user_profile').age > 18")).toEqual(['FEATURE user_profile @1:1']);
  });

  it('reports bare identifiers as variables and a bare event as the whole event', () => {
    expect(refs('event.country in high_risk_countries and geo_risk(event) > limits.max')).toEqual([
      'EVENT_FIELD country @1:1',
      'VARIABLE high_risk_countries @1:18',
      'FUNCTION geo_risk @1:42',
      'EVENT_FIELD (whole event) @1:51',
      'VARIABLE limits @1:60',
    ]);
  });

  it('deduplicates, keeping the first position', () => {
    expect(
      refs(
        [
          "feature('f') > 1 and abs(event.a) > 2",
          "or feature('f') < abs(event.a)",
          "or model('m').score > 0 and model('m').score < 1",
          'or x == x',
        ].join('\n'),
      ),
    ).toEqual(['FEATURE f @1:1', 'FUNCTION abs @1:22', 'EVENT_FIELD a @1:26', 'MODEL m.score @3:4', 'VARIABLE x @4:4']);
  });

  it('finds references inside every construct', () => {
    const text = [
      "not (-feature('a') between feature('b') and feature('c'))",
      "or feature('d') not in [feature('e'), (feature('f'))]",
      "or feature('g') is not null or f(feature('h')).x(feature('i'))",
    ].join('\n');
    expect(refs(text)).toEqual([
      'FEATURE a @1:7',
      'FEATURE b @1:28',
      'FEATURE c @1:45',
      'FEATURE d @2:4',
      'FEATURE e @2:25',
      'FEATURE f @2:40',
      'FEATURE g @3:4',
      'FUNCTION f @3:32',
      'FEATURE h @3:34',
      'FUNCTION x @3:48',
      'FEATURE i @3:50',
    ]);
  });

  it('records the end of each reference as well', () => {
    const [event, model, fn] = parseRuleExpression("event.a.b + model('m').score + f(1)").references;
    expect(event?.end.column).toBe(10);
    expect(model?.end.column).toBe(29);
    expect(fn?.end.column).toBe(33);
  });

  it('returns nothing for an expression of literals', () => {
    expect(refs("1 + 2 > 3 and 'a' in ['a']")).toEqual([]);
  });
});
