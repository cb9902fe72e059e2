import { InvalidMetricQueryError } from '../../graph-model/store/operations/readMetrics.js';
import type { GraphQLContext } from './context.js';
import { ErrorCode, clientError } from './errors.js';
import { windowOf } from './metricWindow.js';
import type { GraphNode } from './types/graphNode.js';
import type { MetricPoint } from './types/nodeParts.js';

export async function metricsOf(
  ctx: GraphQLContext,
  node: GraphNode,
  args: { metric?: string | null; from?: string | null; to?: string | null },
): Promise<MetricPoint[]> {
  const window = await windowOf(ctx.store, args.from, args.to);
  try {
    const values = await ctx.store.metrics(node.id, { ...window, ...(args.metric ? { metric: args.metric } : {}) });
    return values.map((v) => ({ metric: v.metric, field: v.field, granularity: v.granularity, bucketStart: v.bucketStart, value: v.value, source: v.source }));
  } catch (error) {
    if (error instanceof InvalidMetricQueryError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message);
    throw error;
  }
}
