import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus metrics, on a registry of its own (two servers in one process, as in
 * tests, do not share counters). Labels come from fixed sets, never from what a client chose: route
 * names, the schema's root fields (and `other`), sources.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'dctx_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'dctx_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by the root field it runs (other: several, introspection, or none resolved) and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly ingestedEvents = new Counter({
    name: 'dctx_ingest_events_total',
    help: 'Events accepted by ingest endpoints, by source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });
  readonly ingestErrors = new Counter({
    name: 'dctx_ingest_errors_total',
    help: 'Items refused by ingest endpoints, by source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(versions: { store: () => number; index: () => number | null }, follow?: FeedGaugeSource) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dctx_' });
    new Gauge({
      name: 'dctx_graph_version',
      help: 'The latest graph version this process knows of (from the change feed).',
      registers: [this.registry],
      collect() {
        this.set(versions.store());
      },
    });
    new Gauge({
      name: 'dctx_index_version_lag',
      help: 'Graph versions the in-memory index is behind the store (0 when current).',
      registers: [this.registry],
      collect() {
        const index = versions.index();
        if (index !== null) this.set(Math.max(0, versions.store() - index));
      },
    });
    new Gauge({
      name: 'dctx_index_version',
      help: 'The graph version the in-memory index holds (what traversals answer from).',
      registers: [this.registry],
      collect() {
        const index = versions.index();
        if (index !== null) this.set(index);
      },
    });
    if (follow) this.followGauges(follow);
  }

  /** `dctx_alerts_open{severity}`, read from the store at each scrape (docs/alerts.md). */
  alertGauge(count: () => Promise<ReadonlyMap<string, number>>): void {
    new Gauge({
      name: 'dctx_alerts_open',
      help: 'Open alerts by severity.',
      labelNames: ['severity'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await count();
        for (const severity of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']) this.set({ severity }, counts.get(severity) ?? 0);
      },
    });
  }

  private followGauges(follow: FeedGaugeSource): void {
    new Gauge({
      name: 'dctx_change_feed_connected',
      help: 'Whether commits of other processes reach this one as they happen (1), or the feed is reconnecting (0).',
      registers: [this.registry],
      collect() {
        this.set(follow.feed.connected ? 1 : 0);
      },
    });
    let counted = 0;
    new Counter({
      name: 'dctx_change_feed_reconnects_total',
      help: 'Times the change feed connection came back after a loss.',
      registers: [this.registry],
      collect() {
        const reconnects = follow.feed.reconnects;
        if (reconnects > counted) this.inc(reconnects - counted);
        counted = reconnects;
      },
    });
    new Gauge({
      name: 'dctx_index_lag_seconds',
      help: 'Seconds since the oldest graph version the index does not hold yet was announced (0 when current).',
      registers: [this.registry],
      collect() {
        const seconds = follow.indexLagSeconds();
        if (seconds !== null) this.set(seconds);
      },
    });
  }
}

/** What the change-feed gauges read. */
export interface FeedGaugeSource {
  feed: { readonly connected: boolean; readonly reconnects: number };
  /** Null without an index. */
  indexLagSeconds: () => number | null;
}
