/**
 * The printed summary of a scale run: one row per figure, one column per engine, with the budget
 * of issues #5 and #7 and whether it is met (budgets are stated for large; smaller scales are
 * checked against the same numbers as a sanity check).
 */
type Results = Record<string, Record<string, any>>;

interface Row {
  figure: string;
  value: (r: Record<string, any>) => number | string | undefined;
  budget?: string;
  met?: (r: Record<string, any>) => boolean;
}

const ROWS: Row[] = [
  { figure: 'ingest (nodes+edges/s)', value: (r) => r.ingest?.nodesAndEdgesPerSecond },
  { figure: 'ingest total (s)', value: (r) => r.ingest && Math.round(r.ingest.applyMs / 100) / 10 },
  { figure: 'index build from store (s)', value: (r) => r.indexBuild && Math.round(r.indexBuild.ms / 100) / 10, budget: '<= 60 s', met: (r) => r.indexBuild.ms <= 60_000 },
  { figure: 'heap bytes per edge (+ typed arrays)', value: (r) => r.indexBuild && `${r.indexBuild.heapBytesPerEdge} + ${r.indexBuild.typedArrayBytesPerEdge}`, budget: '<= 200 B', met: (r) => r.indexBuild.heapBytesPerEdge + r.indexBuild.typedArrayBytesPerEdge <= 200 },
  { figure: 'lineage hub depth 3 (columns, ids) p50/p95/p99 (ms)', value: (r) => pcts(r.lineageHubDownstreamDepth3Ms) },
  { figure: 'lineage hub depth 10 (columns, ids) p50/p95/p99 (ms)', value: (r) => pcts(r.lineageHubDownstreamDepth10Ms), budget: 'p95 <= 50 ms', met: (r) => r.lineageHubDownstreamDepth10Ms.p95 <= 50 },
  { figure: '  nodes reached at depth 10', value: (r) => r.lineageHubDownstreamDepth10Ms?.resultNodes },
  { figure: 'lineage hub depth 10, an object per node and edge, p50/p95/p99 (ms)', value: (r) => pcts(r.lineageHubDownstreamDepth10ObjectsMs) },
  { figure: 'lineage hub depth 10 at the default cap p50/p95/p99 (ms)', value: (r) => pcts(r.lineageHubDownstreamDepth10DefaultCapMs) },
  { figure: 'lineage depth 10 old asOf / latest (p95)', value: (r) => r.lineageOldAsOfDepth10Ms?.ratioToLatestP95, budget: '<= 2x', met: (r) => r.lineageOldAsOfDepth10Ms.ratioToLatestP95 <= 2 },
  { figure: 'impact of the hub (columns, ids) p50/p95 (ms)', value: (r) => r.impactOfHubMs && `${r.impactOfHubMs.p50} / ${r.impactOfHubMs.p95}`, budget: 'p95 <= 500 ms', met: (r) => r.impactOfHubMs.p95 <= 500 },
  { figure: '  nodes impacted (broken + degraded)', value: (r) => r.impactOfHubMs && r.impactOfHubMs.broken + r.impactOfHubMs.degraded },
  { figure: 'impact of the hub, an object and a path per node, p50/p95 (ms)', value: (r) => r.impactOfHubObjectsMs && `${r.impactOfHubObjectsMs.p50} / ${r.impactOfHubObjectsMs.p95}` },
  { figure: 'impact of the hub, first 100 listed, p50/p95 (ms)', value: (r) => r.impactOfHubFirst100Ms && `${r.impactOfHubFirst100Ms.p50} / ${r.impactOfHubFirst100Ms.p95}` },
  { figure: 'cost attribution p50/p95 (ms)', value: (r) => r.costAttributionMs && `${r.costAttributionMs.p50} / ${r.costAttributionMs.p95}`, budget: '<= 10 s', met: (r) => r.costAttributionMs.p95 <= 10_000 },
  { figure: 'baseline job_io build (s)', value: (r) => r.baseline && Math.round(r.baseline.jobIoBuildMs / 100) / 10 },
  { figure: 'baseline depth 3 p50/p95/p99 (ms)', value: (r) => pcts(r.baseline?.downstreamDepth3Ms) },
  { figure: 'baseline depth 10 p50/p95/p99 (ms)', value: (r) => pcts(r.baseline?.downstreamDepth10Ms) },
  { figure: 'ours faster than baseline, depth 10 (p95)', value: (r) => r.baseline && `${r.baseline.downstreamDepth10Ms.speedupP95}x`, budget: '>= 10x', met: (r) => r.baseline.downstreamDepth10Ms.speedupP95 >= 10 },
  { figure: 'featuresForRule in process p50/p99 (us)', value: (r) => r.decisionTime?.inProcess && `${r.decisionTime.inProcess.p50Us} / ${r.decisionTime.inProcess.p99Us}`, budget: 'p99 <= 5 us', met: (r) => r.decisionTime.inProcess.p99Us <= 5 },
  { figure: 'decision over HTTP, 16 connections (req/s, p99 ms)', value: (r) => httpFigure(r.decisionTime?.http?.connections16), budget: '>= 15k req/s, p99 <= 2 ms', met: (r) => httpMet(r.decisionTime.http.connections16) },
  { figure: 'decision over HTTP, 64 connections (req/s, p99 ms)', value: (r) => httpFigure(r.decisionTime?.http?.connections64) },
  { figure: 'peak RSS of the process (MiB)', value: (r) => r.peakRssMiB, budget: '<= 4096 MiB', met: (r) => r.peakRssMiB <= 4096 },
];

function httpFigure(h: { requestsPerSecond: number; p99Ms: number } | undefined): string | undefined {
  return h && `${h.requestsPerSecond} / ${h.p99Ms}`;
}

function httpMet(h: { requestsPerSecond: number; p99Ms: number }): boolean {
  return h.requestsPerSecond >= 15_000 && h.p99Ms <= 2;
}

function pcts(s: { p50: number; p95: number; p99: number } | undefined): string | undefined {
  return s && `${s.p50} / ${s.p95} / ${s.p99}`;
}

export function scaleTable(results: Results, engines: string[]): string {
  const header = ['figure', ...engines, 'budget'];
  const lines = [header, header.map(() => '---')];
  for (const row of ROWS) {
    const cells = engines.map((e) => {
      const r = results[e] ?? {};
      let value: unknown;
      let met: boolean | undefined;
      try {
        value = row.value(r);
        met = row.met?.(r);
      } catch {
        value = undefined;
      }
      return value === undefined ? '-' : `${value}${met === undefined ? '' : met ? ' (met)' : ' (NOT met)'}`;
    });
    lines.push([row.figure, ...cells, row.budget ?? '']);
  }
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
