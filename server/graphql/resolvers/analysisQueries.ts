import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { costAttribution } from '../../../graph-model/analyses/costAttribution.js';
import { decommissionCandidates } from '../../../graph-model/analyses/decommissionCandidates.js';
import { impactOf, type ImpactOptions, type ImpactReport as ImpactAnswer } from '../../../graph-model/analyses/impact.js';
import { UnknownReferenceError } from '../../../graph-model/analyses/unknownFields.js';
import { unknownFields } from '../../../graph-model/analyses/knownFields.js';
import { lineage, type LineageOptions, type LineageResult } from '../../../graph-model/analyses/lineage.js';
import { Neo4jBehindError } from '../../../graph-model/neo4j/neo4jLineage.js';
import type { StartFields } from '../../../graph-model/neo4j/neo4jStartFields.js';
import type { NodeSummary } from '../../../graph-model/analyses/nodeSummary.js';
import type { VersionedGraph } from '../../../graph-model/index/versionedGraph.js';
import { ANALYSIS_COST, analysisComplexity } from '../complexity.js';
import { AsOfScalar, type AsOfValue } from '../asOfScalar.js';
import type { GraphQLContext } from '../context.js';
import { ErrorCode, clientError } from '../errors.js';
import { resolveVersion } from '../graphNodes.js';
import { COST_METRICS, totalsOf, windowDays, windowOf, type Window } from '../metricWindow.js';
import { meteredTotals, nodeTraffic, trafficOf } from '../nodeTraffic.js';
import { pageSize } from '../paging.js';
import { CostAttributionReport, DecommissionReport } from '../types/cost.js';
import { CostSplit, Direction, ImpactMode, NodeKind, UnattributedReason } from '../types/enums.js';
import type { GraphNode } from '../types/graphNode.js';
import { ImpactReport } from '../types/impact.js';
import { FieldRefInput, Lineage } from '../types/lineage.js';

const asNode = (summary: NodeSummary, version: number): GraphNode => ({
  id: summary.id,
  type: summary.type,
  namespace: summary.namespace,
  name: summary.name,
  kind: summary.kind,
  version,
});

/** Lineage from fields the asset does not have would answer about nothing: refused, naming them (checked by the backend that walks). */
async function refuseUnknownFields(ctx: GraphQLContext, id: string, version: number, fields: string[]): Promise<void> {
  const start: StartFields = ctx.lineageBackend ? await ctx.lineageBackend.startFields(id, version, fields) : indexStartFields(ctx, id, version, fields);
  if (!start.found) throw clientError(ErrorCode.NOT_FOUND, `no node ${id} at graph version ${version}`, { argument: 'id' });
  if (!start.asset) throw clientError(ErrorCode.BAD_USER_INPUT, `fields start from an asset; ${id} is a computation`, { argument: 'fields' });
  const { unknown } = start;
  if (unknown.length > 0) {
    throw clientError(ErrorCode.BAD_USER_INPUT, `${id} has no field ${unknown.map((f) => JSON.stringify(f)).join(', ')} at graph version ${version}`, { argument: 'fields', unknown });
  }
}

function indexStartFields(ctx: GraphQLContext, id: string, version: number, fields: string[]): StartFields {
  const n = ctx.index.nodeAt(id, version);
  if (n === undefined) return { found: false };
  if (!ctx.index.nodes.isAsset(n)) return { found: true, asset: false };
  return { found: true, asset: true, unknown: unknownFields(ctx.index, n, version, fields) };
}

/**
 * The version lineage answers at: asOf, or without it the index's latest, and with a backend the
 * latest it holds when older (a projection a version or two behind answers at its own version,
 * which the result states). Resolved before the walk, so start fields are checked where it walks.
 */
async function lineageVersion(ctx: GraphQLContext, asOf: AsOfValue | null | undefined): Promise<number> {
  const version = await resolveVersion(ctx, asOf);
  return ctx.lineageBackend && asOf == null ? Math.min(version, await ctx.lineageBackend.version()) : version;
}

/** Lineage, node or field level, from the configured backend (Neo4j or the index), at options.asOf. */
async function lineageFrom(ctx: GraphQLContext, options: LineageOptions): Promise<LineageResult> {
  if (!ctx.lineageBackend) return lineage(ctx.index, options);
  try {
    return await ctx.lineageBackend.lineage(options);
  } catch (error) {
    if (error instanceof Neo4jBehindError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message, { argument: 'asOf', reason: 'PROJECTION_BEHIND' });
    throw error;
  }
}

/**
 * Impact from the configured backend (Neo4j or the index); without an asOf, as for lineage. The
 * traffic is read at the answer's version from the graph that answers: with Neo4j, each impacted
 * node's kind (which metric counts as its traffic) comes from the subgraph Neo4j returned, which
 * holds every node impact can list, not from the index.
 */
async function impactFrom(ctx: GraphQLContext, options: Omit<ImpactOptions, 'traffic'>, asOfGiven: boolean, window: Window): Promise<ImpactAnswer> {
  const totals = meteredTotals(ctx.store, window);
  // Awaited below; observed now so that a failed Neo4j fetch does not leave it rejecting unobserved.
  totals.catch(() => {});
  let answering: { graph: VersionedGraph; version: number } = { graph: ctx.index, version: options.asOf! };
  if (ctx.impactBackend) {
    try {
      answering = asOfGiven ? await ctx.impactBackend.subgraph(options) : await ctx.impactBackend.subgraph({ ...options, asOf: undefined }, options.asOf);
    } catch (error) {
      if (error instanceof Neo4jBehindError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message, { argument: 'asOf', reason: 'PROJECTION_BEHIND' });
      throw error;
    }
  }
  const { graph, version } = answering;
  const traffic = perDay(trafficOf(await totals, graph, version), windowDays(window));
  return refusingUnknown(() => impactOf(graph, { ...options, asOf: version, traffic }));
}

/** Traffic per day over the window, so that summaries read "3.1M uses/day" whatever the window. */
function perDay(totals: Map<string, number>, days: number): Map<string, number> {
  return new Map([...totals].map(([id, value]) => [id, value / days]));
}

@Resolver()
export class AnalysisQueries {
  @Query(() => Lineage, {
    description: 'The subgraph up or down from a node, to a depth, at any asOf; asset or field level.',
    complexity: analysisComplexity(ANALYSIS_COST.lineage),
  })
  async lineage(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID) id: string,
    @Arg('direction', () => Direction, { defaultValue: Direction.DOWNSTREAM }) direction: Direction,
    @Arg('depth', () => Int, { defaultValue: 3, description: 'Hops: asset to computation is one.' }) depth: number,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
    @Arg('fieldLevel', () => Boolean, { defaultValue: false }) fieldLevel?: boolean,
    @Arg('kinds', () => [NodeKind], {
      nullable: true,
      description: 'Node kinds to return (the walk passes through others); collapsedEdges then join the kept nodes through the hidden ones.',
    })
    kinds?: NodeKind[],
    @Arg('fields', () => [String], { nullable: true, description: 'Start from these fields of the asset (implies fieldLevel); a field the asset does not have is refused.' }) fields?: string[],
    @Arg('maxNodes', () => Int, { nullable: true, description: 'Cut the walk after this many nodes (it then says truncated).' }) maxNodes?: number,
  ): Promise<Lineage> {
    const { maxLineageDepth, maxLineageNodes } = ctx.limits;
    if (depth < 0) throw clientError(ErrorCode.BAD_USER_INPUT, `depth must be 0 or more, got ${depth}`, { argument: 'depth' });
    if (depth > maxLineageDepth) {
      throw clientError(ErrorCode.LIMIT_EXCEEDED, `depth is ${depth}; lineage walks at most ${maxLineageDepth} hops`, { argument: 'depth', limit: maxLineageDepth });
    }
    const cap = maxNodes ?? maxLineageNodes;
    if (cap < 1 || cap > maxLineageNodes) {
      throw clientError(ErrorCode.LIMIT_EXCEEDED, `maxNodes must be between 1 and ${maxLineageNodes}, got ${cap}`, { argument: 'maxNodes', limit: maxLineageNodes });
    }
    const version = await lineageVersion(ctx, asOf);
    const fieldStarts = fields && fields.length > 0;
    if (fieldStarts) await refuseUnknownFields(ctx, id, version, fields);
    const result = await lineageFrom(ctx, {
      ids: fieldStarts ? [] : [id],
      fields: fieldStarts ? fields.map((field) => ({ id, field })) : undefined,
      direction,
      depth,
      asOf: version,
      kinds: kinds ?? undefined,
      fieldLevel: fieldLevel || fieldStarts === true,
      maxNodes: cap,
    });
    if (result.notFound.length > 0) throw clientError(ErrorCode.NOT_FOUND, `no node ${id} at graph version ${version}`, { argument: 'id' });
    return {
      version: result.version,
      nodes: result.nodes.map((n) => asNode(n, result.version)),
      edges: result.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind as never })),
      distances: result.nodes.map((n) => ({ id: n.id, distance: n.distance })),
      fields: result.fields ?? null,
      fieldEdges: result.fieldEdges ?? null,
      collapsedEdges: result.collapsedEdges ?? null,
      truncated: result.truncated,
      truncatedReason: result.truncatedReason ?? null,
      moreBeyondDepth: result.moreBeyondDepth,
    };
  }

  @Query(() => ImpactReport, {
    description: 'What breaks (all producers broken) or degrades (some) if these nodes or fields go away.',
    complexity: analysisComplexity(ANALYSIS_COST.impact),
  })
  async impact(
    @Ctx() ctx: GraphQLContext,
    @Arg('ids', () => [ID], { defaultValue: [] }) ids: string[],
    @Arg('mode', () => ImpactMode, { defaultValue: ImpactMode.DELETE }) mode: ImpactMode,
    @Arg('fields', () => [FieldRefInput], { nullable: true, description: 'Fields removed or retyped (SCHEMA_CHANGE).' }) fields?: FieldRefInput[],
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
    @Arg('from', () => String, { nullable: true, description: 'Traffic window start (default: 7 days before `to`).' }) from?: string,
    @Arg('to', () => String, { nullable: true, description: 'Traffic window end (default: now).' }) to?: string,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'List at most this many broken and this many degraded nodes, the nearest first (counts and summary still cover all; see truncated).',
    })
    first?: number,
  ): Promise<ImpactReport> {
    if (first != null && first < 0) throw clientError(ErrorCode.BAD_USER_INPUT, '`first` must not be negative', { argument: 'first' });
    if (ids.length === 0 && (!fields || fields.length === 0)) {
      throw clientError(ErrorCode.BAD_USER_INPUT, 'give the nodes (ids) or the fields whose impact to check', { argument: 'ids' });
    }
    const asked = await resolveVersion(ctx, asOf);
    const window = await windowOf(ctx.store, from, to);
    const report = await impactFrom(ctx, { ids, mode, fields: fields ?? [], asOf: asked, trafficUnit: 'uses/day', limit: first ?? undefined }, asOf != null, window);
    // Neo4j a version behind answers at its own version without an asOf (the report says which).
    const version = report.version;
    const impacted = (n: (typeof report.broken)[number]) => ({
      node: asNode(n, version),
      status: n.status,
      reason: n.reason,
      distance: n.distance,
      path: n.path,
      decidedBy: n.decidedBy,
      inputSemantics: n.inputSemantics,
      assumesFieldUsage: n.assumesFieldUsage,
      owners: n.owners,
      traffic: n.traffic,
    });
    return {
      version,
      mode,
      roots: report.roots.map((r) => ({ node: asNode(r, version), status: r.status, fields: r.fields ?? null, owners: r.owners })),
      broken: report.broken.map(impacted),
      degraded: report.degraded.map(impacted),
      inactive: report.inactive.map(impacted),
      assumingFieldUsage: report.summary.assumingFieldUsage,
      notFound: report.notFound,
      summary: report.summary.text,
      counts: report.summary.byKind.map((k) => ({ status: k.status, kind: k.kind, count: k.count, traffic: k.traffic })),
      truncated: report.truncated,
      windowFrom: window.from,
      windowTo: window.to,
    };
  }

  @Query(() => CostAttributionReport, {
    description: "Where each node's own cost ends up: rules, models, services, or unattributed.",
    complexity: analysisComplexity(ANALYSIS_COST.wholeGraph),
  })
  async costAttribution(
    @Ctx() ctx: GraphQLContext,
    @Arg('split', () => CostSplit, { defaultValue: CostSplit.EQUAL }) split: CostSplit,
    @Arg('from', () => String, { nullable: true, description: 'Window start (default: 7 days before `to`).' }) from?: string,
    @Arg('to', () => String, { nullable: true, description: 'Window end (default: now).' }) to?: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many terminals of each list to return.' }) first?: number,
    @Arg('breakdownTop', () => Int, { defaultValue: 0, description: 'Top contributors to list per terminal.' }) breakdownTop?: number,
  ): Promise<CostAttributionReport> {
    const version = await resolveVersion(ctx, asOf);
    const window = await windowOf(ctx.store, from, to);
    const [cost, traffic, evaluations] = await Promise.all([
      totalsOf(ctx.store, COST_METRICS, window),
      nodeTraffic(ctx.store, ctx.index, version, window),
      totalsOf(ctx.store, ['rule.evaluations'], window),
    ]);
    const limit = Math.min(first ?? 50, ctx.limits.maxPageSize);
    const report = costAttribution(ctx.index, { asOf: version, cost, split, traffic, evaluations, breakdownTop: Math.min(breakdownTop ?? 0, 20) });
    const terminal = (t: (typeof report.attributed)[number]) => ({
      node: asNode(t, version),
      attributedCost: t.attributedCost,
      ownCost: t.ownCost,
      evaluations: t.evaluations ?? null,
      costPer1000Evaluations: t.costPer1000Evaluations ?? null,
      breakdown: (t.breakdown ?? []).map((c) => ({ node: asNode(c, version), cost: c.cost })),
      reason: (t.reason as UnattributedReason | undefined) ?? null,
    });
    return {
      version,
      split,
      windowFrom: window.from,
      windowTo: window.to,
      totalCost: report.totalCost,
      attributedTotal: report.attributedTotal,
      unattributedTotal: report.unattributedTotal,
      attributed: report.attributed.slice(0, limit).map(terminal),
      unattributed: report.unattributed.slice(0, limit).map(terminal),
    };
  }

  @Query(() => DecommissionReport, {
    description: 'Nodes nothing uses (no consumer, or no traffic in the window), with what removing them saves.',
    complexity: analysisComplexity(ANALYSIS_COST.wholeGraph),
  })
  async decommissionCandidates(
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => String, { nullable: true }) from?: string,
    @Arg('to', () => String, { nullable: true }) to?: string,
    @Arg('asOf', () => AsOfScalar, { nullable: true }) asOf?: AsOfValue,
    @Arg('first', () => Int, { defaultValue: 50, description: 'List at most this many candidates (see totalCount and truncated).' }) first?: number,
  ): Promise<DecommissionReport> {
    const limit = pageSize(ctx, first);
    const version = await resolveVersion(ctx, asOf);
    const window = await windowOf(ctx.store, from, to);
    const [cost, traffic] = await Promise.all([totalsOf(ctx.store, COST_METRICS, window), nodeTraffic(ctx.store, ctx.index, version, window)]);
    const report = decommissionCandidates(ctx.index, { asOf: version, cost, traffic });
    return {
      version,
      windowFrom: window.from,
      windowTo: window.to,
      totalSavings: report.totalSavings,
      totalCount: report.candidates.length,
      truncated: report.candidates.length > limit,
      candidates: report.candidates.slice(0, limit).map((c) => ({
        node: asNode(c, version),
        reason: c.reason,
        ownCost: c.ownCost,
        savings: c.savings,
        upstream: c.upstream,
        traffic: c.traffic ?? null,
      })),
    };
  }
}

/** An impact check naming fields or assets the graph does not have: BAD_USER_INPUT naming each. */
function refusingUnknown<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UnknownReferenceError) throw clientError(ErrorCode.BAD_USER_INPUT, error.message, { argument: error.argument, unknown: error.unknown });
    throw error;
  }
}
