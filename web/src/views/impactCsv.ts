import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * RFC 4180 with CRLF rows. csv-stringify quotes a field holding the delimiter, a quote or the
 * record delimiter, but not a lone LF or CR when rows end in CRLF: `quoted_match` makes it.
 */
const OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/** One field of a CSV row (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null): string {
  return stringify([[value]], { ...OPTIONS, eof: false });
}

interface Row {
  status: string;
  reason: string;
  distance: number;
  path: readonly string[];
  owners: readonly string[];
  traffic: number | null;
  node: { id: string; name: string; namespace: string; kind: string };
}

/** The impacted nodes as CSV, broken first, with the version and mode they were computed at. */
export function impactCsv(report: { version: number; mode: string; broken: readonly Row[]; degraded: readonly Row[] }): string {
  const header = ['status', 'kind', 'namespace', 'name', 'id', 'reason', 'distance', 'traffic_per_day', 'owners', 'evidence_path', 'mode', 'graph_version'];
  const rows = [...report.broken, ...report.degraded].map((row) => [
    row.status,
    row.node.kind,
    row.node.namespace,
    row.node.name,
    row.node.id,
    row.reason,
    row.distance,
    row.traffic,
    row.owners.join(' '),
    row.path.join(' > '),
    report.mode,
    report.version,
  ]);
  return stringify([header, ...rows], OPTIONS);
}
