export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export function summarize(samplesMs: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same graph. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `part` of `whole` as a percentage with one decimal, '–' when there is no whole. */
export const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);

/** What every peer-suite tally counts, per dialect and in sum. */
export interface PeerTally {
  cases: number;
  statements: number;
  failedStatements: number;
  exact: number;
  expected: number;
  actual: number;
  matched: number;
}

/**
 * Prints the per-dialect markdown table of a peer suite (dialects in order, then overall and the
 * dialects we read), `extra` naming columns between the exact cases and recall, and returns the
 * dialects' rows in that order.
 */
export function printPeerTable<T extends PeerTally>(
  level: 'table' | 'column',
  tallies: Map<string, T>,
  sums: { overall: T; supportedOnly: T },
  extra: { header: string; cell: (t: T) => string }[] = [],
): [string, T][] {
  const rows = [...tallies].sort(([a], [b]) => a.localeCompare(b));
  const headers = ['dialect', 'cases', 'statements', 'failed statements', 'exact cases', ...extra.map((e) => e.header), `${level} recall`, `${level} precision`];
  console.log(`| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---|').join('')}`);
  for (const [dialect, t] of [...rows, ['overall', sums.overall] as const, ['supported dialects', sums.supportedOnly] as const]) {
    const cells = [
      dialect,
      `${t.cases}`,
      `${t.statements}`,
      `${t.failedStatements} (${percent(t.failedStatements, t.statements)})`,
      `${t.exact} (${percent(t.exact, t.cases)})`,
      ...extra.map((e) => e.cell(t)),
      percent(t.matched, t.expected),
      percent(t.matched, t.actual),
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  return rows;
}

/**
 * Each (case, dialect) run of a peer suite once, in file order: a run whose key was met before (the
 * same test kept in two files of the peer's history) goes to `duplicates` instead.
 */
export function* distinctPeerRuns<C extends { name: string; dialects: string[] }>(
  files: Iterable<{ file: string; cases: C[] }>,
  key: (c: C, dialect: string) => string,
  duplicates: string[],
): Generator<{ file: string; c: C; dialect: string }> {
  const seen = new Set<string>();
  for (const { file, cases } of files)
    for (const c of cases)
      for (const dialect of c.dialects) {
        const k = key(c, dialect);
        if (seen.has(k)) duplicates.push(`${file} ${c.name} [${dialect}]`);
        else {
          seen.add(k);
          yield { file, c, dialect };
        }
      }
}
