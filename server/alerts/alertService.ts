import { AlertEngine } from '../../graph-model/alerts/alertEngine.js';
import type { CauseSource } from '../../graph-model/alerts/cause.js';
import { FreshnessCauseSource } from '../../graph-model/alerts/freshnessCauseSource.js';
import { IncidentCauseSource } from '../../graph-model/alerts/incidents/incidentCauseSource.js';
import { QualityCauseSource } from '../../graph-model/alerts/qualityCauseSource.js';
import { Incidents } from '../../graph-model/alerts/incidents/incidents.js';
import type { WebhookEndpoint } from '../../graph-model/alerts/webhooks/webhookConfig.js';
import { WebhookSender, type SenderOptions } from '../../graph-model/alerts/webhooks/webhookSender.js';
import type { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { windowDays, windowOf } from '../graphql/metricWindow.js';
import { nodeTraffic } from '../graphql/nodeTraffic.js';
import { logger } from '../logger.js';

export interface AlertServiceOptions {
  store: GraphStore;
  index: GraphIndex;
  /**
   * Cause sources besides incidents; by default quality results and freshness (docs/quality.md).
   * Results and runs this process records, and incidents, are evaluated at once (store.observations);
   * a due time passing, and writes of other processes that create no version, at the next interval.
   */
  sources?: readonly CauseSource[];
  endpoints?: readonly WebhookEndpoint[];
  sender?: Partial<Omit<SenderOptions, 'db' | 'endpoints'>>;
  /** Re-evaluation without changes (default 15 s). */
  intervalMs?: number;
  /** Evaluation time (ISO-8601); default the wall clock. Tests and the demo's fixed history set it. */
  now?: () => string;
}

/**
 * Incidents, the alert engine and the webhook sender of one server process (docs/alerts.md). An
 * incident opened or resolved, quality results or runs recorded in this process, or a changeset
 * the index applies, triggers an evaluation; the
 * revisions it saves wake the sender. Traffic is impact's: uses per day over the default window.
 */
export class AlertService {
  private constructor(
    readonly incidents: Incidents,
    readonly engine: AlertEngine,
    readonly sender: WebhookSender,
    private readonly unlisten: () => void,
  ) {}

  static async start(options: AlertServiceOptions): Promise<AlertService> {
    const { store, index } = options;
    const incidents = new Incidents(store);
    const endpoints = options.endpoints ?? [];
    const sender = new WebhookSender({
      db: store.db,
      endpoints,
      ...options.sender,
      onAttemptFailed: (info) => logger.warn(info, 'webhook delivery failed; it will be retried'),
    }).start();
    const engine = await AlertEngine.start({
      db: store.db,
      graph: index,
      sources: [new IncidentCauseSource(store.db), ...(options.sources ?? [new QualityCauseSource(store), new FreshnessCauseSource(store)])],
      endpoints: endpoints.map((e) => e.name),
      intervalMs: options.intervalMs,
      now: options.now,
      traffic: async () => {
        const window = await windowOf(store, null, null);
        const totals = await nodeTraffic(store, index, index.version, window);
        const days = windowDays(window);
        return new Map([...totals].map(([id, v]) => [id, v / days]));
      },
      onRevisions: () => sender.wake(),
      onError: (error) => logger.error({ err: error }, 'alert evaluation failed; retried at the next change'),
    });
    // Quality results, runs recorded alone and incidents create no graph version: without this
    // they would wait for the interval. Triggers coalesce into at most one more evaluation.
    const unlisten = store.observations.on(() => engine.trigger());
    sender.wake();
    return new AlertService(incidents, engine, sender, unlisten);
  }

  async close(): Promise<void> {
    this.unlisten();
    this.engine.close();
    await this.engine.settled();
    await this.sender.close();
  }
}
