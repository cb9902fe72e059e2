import type { ChangeStats } from '../../graph-model/model.js';
import type { IngestReport } from '../../ingestors/runIngestor.js';
import { formatStats } from './cliContext.js';

/** Exit codes of `dctx ingest`: everything committed, some items bad (the rest committed), failure. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_PARTIAL = 2;

const ERRORS_SHOWN = 50;
/** Warnings can be one per statement of a large script: the first few, then where the rest are. */
const WARNINGS_SHOWN = 10;

export interface IngestSummary {
  source: string;
  /** Graph versions created (identical input creates none). */
  versions: number[];
  /** The graph version after the ingest. */
  version: number;
  stats: ChangeStats;
  errors: IngestReport['errors'];
  /** Items committed whose lineage may be incomplete (only when the ingest had any; they do not change the exit code). */
  warnings?: IngestReport['warnings'];
  /** Quality results recorded (only when the ingest had any). */
  quality?: IngestReport['quality'];
  exitCode: number;
}

function totalStats(report: IngestReport): ChangeStats {
  const total: Record<string, number> = {};
  for (const result of report.results) {
    for (const [key, n] of Object.entries(result.stats)) total[key] = (total[key] ?? 0) + n;
  }
  return total as unknown as ChangeStats;
}

/**
 * 0 when there was nothing bad; 2 when some items were bad but the store took the rest (at least
 * one changeset was applied, even if it changed nothing because it was already there); 1 when no
 * changeset could be applied at all.
 */
export function exitCodeOf(report: IngestReport): number {
  if (report.errors.length === 0) return EXIT_OK;
  return report.results.length > 0 ? EXIT_PARTIAL : EXIT_FAILED;
}

export function ingestSummary(report: IngestReport, version: number): IngestSummary {
  const { inserted, updated, unchanged } = report.quality;
  const quality = inserted + updated + unchanged > 0 ? { quality: report.quality } : {};
  const warnings = report.warnings.length > 0 ? { warnings: report.warnings } : {};
  return { source: report.source, versions: report.versions, version, stats: totalStats(report), errors: report.errors, ...warnings, ...quality, exitCode: exitCodeOf(report) };
}

/** The summary as a person reads it: versions, counts, each error with its location, then the warnings' count and the first of them. */
export function formatIngestSummary(summary: IngestSummary): string {
  const lines: string[] = [];
  const versions = summary.versions;
  lines.push(
    versions.length === 0
      ? summary.quality
        ? `${summary.source}: no graph version created (quality results are not graph facts; graph version ${summary.version})`
        : `${summary.source}: nothing changed (graph version ${summary.version})`
      : `${summary.source}: created graph version${versions.length > 1 ? 's' : ''} ${versions.join(', ')}`,
  );
  const counts = formatStats(summary.stats);
  if (counts) lines.push(`  ${counts}`);
  if (summary.quality) {
    const { inserted, updated, unchanged } = summary.quality;
    lines.push(`  quality results: ${inserted} new, ${updated} changed, ${unchanged} already recorded`);
  }
  if (summary.errors.length > 0) {
    const outcome = summary.exitCode === EXIT_FAILED ? 'nothing was committed' : 'the rest was committed';
    lines.push(`${summary.errors.length} error${summary.errors.length > 1 ? 's' : ''} (${outcome}; recorded as ingest errors of ${summary.source}):`);
    for (const error of summary.errors.slice(0, ERRORS_SHOWN)) lines.push(`  ${error.location}: ${error.message}`);
    if (summary.errors.length > ERRORS_SHOWN) lines.push(`  ... and ${summary.errors.length - ERRORS_SHOWN} more (--json lists them all)`);
  }
  const warnings = summary.warnings ?? [];
  if (warnings.length > 0) {
    lines.push(`${warnings.length} warning${warnings.length > 1 ? 's' : ''} (committed, lineage may be incomplete; recorded as ingest warnings of ${summary.source}):`);
    for (const warning of warnings.slice(0, WARNINGS_SHOWN)) lines.push(`  ${warning.location}: ${warning.message}`);
    if (warnings.length > WARNINGS_SHOWN) lines.push(`  ... and ${warnings.length - WARNINGS_SHOWN} more (dctx ingest-errors --warnings --source ${summary.source}, or --json)`);
  }
  return lines.join('\n');
}
