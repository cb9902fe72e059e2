/**
 * How each node kind's use is metered (docs/metrics.md, "Traffic"): the metrics that count a
 * node's uses, in order of preference when a node has several (a count beats a rate derived from
 * it). A rate is per second over its bucket, so uses = rate x bucket seconds.
 */
export interface TrafficMetric {
  metric: string;
  measure: 'COUNT' | 'PER_SECOND';
}

const RULE: TrafficMetric[] = [{ metric: 'rule.evaluations', measure: 'COUNT' }];
const FEATURE: TrafficMetric[] = [{ metric: 'feature.lookups', measure: 'COUNT' }];
const MODEL: TrafficMetric[] = [{ metric: 'model.inferences', measure: 'COUNT' }];
const SERVICE: TrafficMetric[] = [
  { metric: 'service.calls', measure: 'COUNT' },
  { metric: 'service.qps', measure: 'PER_SECOND' },
];

/** Kinds with no entry have no traffic metric: their traffic is always unknown. */
export const TRAFFIC_METRICS_BY_KIND: Readonly<Record<string, readonly TrafficMetric[]>> = {
  RULE,
  RULE_EVALUATION: RULE,
  FEATURE,
  KV_TABLE: FEATURE,
  MODEL,
  INFERENCE: MODEL,
  SERVICE,
  SERVICE_CALL: SERVICE,
};

/** Every traffic metric of some kind, each once. */
export const TRAFFIC_METRICS: readonly TrafficMetric[] = [...new Map(Object.values(TRAFFIC_METRICS_BY_KIND).flat().map((m) => [m.metric, m])).values()];

export function trafficMetricsOf(kind: string): readonly TrafficMetric[] {
  return TRAFFIC_METRICS_BY_KIND[kind] ?? [];
}
