import { readFileSync } from 'node:fs';
import { formatPath } from '../../graph-model/errors.js';
import type { RunRecord } from '../../graph-model/model.js';
import { parseTimestamp, type ParsedTimestamp } from '../../graph-model/timestamp.js';
import type { IngestError } from '../contract.js';
import { jsonLocation } from './jsonLocation.js';
import { dbtRunId } from './runId.js';
import { runResultSchema, runResultsSchema, type RunResult } from './runResultsSchema.js';
import { runStateOf } from './runStatus.js';

export interface RunResultsFile {
  path: string;
  invocationId: string;
  /** When dbt wrote the file (metadata.generated_at), if it says. */
  generatedAt?: string;
  results: unknown[];
}

/**
 * Reads run_results.json. Unlike the manifest, a bad run-results file is reported, not thrown:
 * the manifest's lineage is still worth committing without the runs.
 */
export function loadRunResults(path: string): { file: RunResultsFile } | { error: IngestError } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { error: { location: path, message: `cannot read dbt run results: ${(error as Error).message}` } };
  }
  const parsed = runResultsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: { location: jsonLocation(path, ...issue.path.map(String)), message: `not dbt run results: ${issue.message}` } };
  }
  const invocationId = parsed.data.metadata?.invocation_id;
  if (!invocationId) return { error: { location: jsonLocation(path, 'metadata', 'invocation_id'), message: 'dbt run results without an invocation id; runs skipped' } };
  const generatedAt = timestampOf(parsed.data.metadata?.generated_at);
  return { file: { path, invocationId, ...(generatedAt ? { generatedAt } : {}), results: parsed.data.results } };
}

/** dbt writes UTC timestamps, with `Z` since 1.0 and without a zone before (read as UTC). */
function parseDbtTime(value: string): ParsedTimestamp {
  return parseTimestamp(value, { form: 'lenient' });
}

function timestampOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = parseDbtTime(value);
  return time.ok ? time.iso : undefined;
}

/** The first timing time that is not a real instant (a day that does not exist...), with its path. */
function badTiming(result: RunResult): { path: (string | number)[]; reason: string } | null {
  for (const [j, timing] of (result.timing ?? []).entries()) {
    for (const key of ['started_at', 'completed_at'] as const) {
      const value = timing[key];
      if (!value) continue;
      const time = parseDbtTime(value);
      if (!time.ok) return { path: ['timing', j, key], reason: time.reason };
    }
  }
  return null;
}

/** The execution's span: the `execute` timing, else (older or partial results) the span of all timings. */
export function spanOf(result: RunResult): { startedAt?: string; endedAt?: string } {
  const timings = result.timing ?? [];
  const execute = timings.find((timing) => timing.name === 'execute');
  if (execute) return { startedAt: timestampOf(execute.started_at), endedAt: timestampOf(execute.completed_at) };
  const starts = timings.map((t) => timestampOf(t.started_at)).filter((t): t is string => t !== undefined).sort();
  const ends = timings.map((t) => timestampOf(t.completed_at)).filter((t): t is string => t !== undefined).sort();
  return { startedAt: starts[0], endedAt: ends.at(-1) };
}

function runOf(file: RunResultsFile, result: RunResult, computation: { namespace: string; name: string }): RunRecord {
  const properties: Record<string, unknown> = {
    status: result.status,
    executionTime: result.execution_time ?? undefined,
    invocationId: file.invocationId,
    threadId: result.thread_id ?? undefined,
    message: result.message ?? undefined,
    failures: result.failures ?? undefined,
    adapterResponse: result.adapter_response && Object.keys(result.adapter_response).length > 0 ? result.adapter_response : undefined,
  };
  return {
    runId: dbtRunId(file.invocationId, result.unique_id),
    computation,
    state: runStateOf(result.status),
    ...spanOf(result),
    properties,
  };
}

/**
 * A run per result of a node that became a computation. Results of tests, seeds and other nodes
 * that are not computations are skipped; results of nodes the manifest lacks are reported.
 */
export function runsFromResults(
  file: RunResultsFile,
  computations: Map<string, { namespace: string; name: string }>,
  known: Set<string>,
  onItem: () => void,
): { runs: RunRecord[]; errors: IngestError[] } {
  const runs: RunRecord[] = [];
  const errors: IngestError[] = [];
  file.results.forEach((raw, index) => {
    onItem();
    const location = jsonLocation(file.path, 'results', index);
    const parsed = runResultSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      errors.push({ location, message: `invalid dbt run result: ${formatPath(issue.path)}: ${issue.message}` });
      return;
    }
    const bad = badTiming(parsed.data);
    if (bad) {
      errors.push({ location: jsonLocation(file.path, 'results', index, ...bad.path), message: `invalid dbt run result: ${bad.path.at(-1)} ${bad.reason}; run skipped` });
      return;
    }
    const computation = computations.get(parsed.data.unique_id);
    if (computation) runs.push(runOf(file, parsed.data, computation));
    else if (!known.has(parsed.data.unique_id)) {
      errors.push({ location, message: `dbt run result for ${parsed.data.unique_id}, which is not in the manifest; run skipped` });
    }
  });
  return { runs, errors };
}
