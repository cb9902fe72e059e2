/** One field of a CSV row (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
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
  const rows = [...report.broken, ...report.degraded].map((row) =>
    [row.status, row.node.kind, row.node.namespace, row.node.name, row.node.id, row.reason, row.distance, row.traffic, row.owners.join(' '), row.path.join(' > '), report.mode, report.version].map(csvField).join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
