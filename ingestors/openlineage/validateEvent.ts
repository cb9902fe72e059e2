import type { RunState } from '../../graph-model/model.js';
import { MAX_NESTING, TEXT_LIMITS, jsonTextIssues, tooLongReason } from '../../graph-model/storableText.js';
import { parseTimestamp } from '../../graph-model/timestamp.js';
import type { EventIssue, Facets, OpenLineageDataset, OpenLineageEvent, OpenLineageJob } from './events.js';
import { pointerSegment } from '../jsonPointer.js';
import { facetLimitIssues } from './facetLimits.js';
import { specIssues } from './specIssues.js';

/**
 * Validation of one OpenLineage event: against the official OpenLineage JSON Schema (specIssues.ts,
 * with the errata spec/SOURCES.md lists), and the project's own rules here. Strict on what identity and time depend on
 * (eventTime, run.runId, job and dataset namespace/name, producer, schemaURL, eventType), lenient on
 * facets: any facet object is kept, with or without `_producer`/`_schemaURL`, known or not. Every
 * string must be one the store can hold (no NUL, no lone surrogate), identities and the facet
 * strings that become identities within their limits, and the event nested at most MAX_NESTING
 * deep (graph-model/storableText.ts).
 * Paths are JSON Pointers appended to `path` (the event's own pointer, `''` for a single event).
 */
export type ValidationResult = { ok: true; event: OpenLineageEvent } | { ok: false; issues: EventIssue[] };

const RUN_STATES: readonly RunState[] = ['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An ISO timestamp in UTC, or why `value` is not a date-time. Lenient on form (the official Python
 * client's examples send no offset: read as UTC), strict on the calendar: 2021-02-30 is refused.
 */
export function normalizeEventTime(value: unknown): { iso: string } | { reason: string } {
  if (typeof value !== 'string') return { reason: `got ${JSON.stringify(value)}` };
  const time = parseTimestamp(value, { form: 'lenient' });
  return time.ok ? { iso: time.iso } : { reason: time.reason };
}

/** Facets are kept whatever they hold; only a non-object container is dropped (it cannot hold facets). */
function facetsOf(value: unknown): Facets {
  return isObject(value) ? value : {};
}

class Checker {
  readonly issues: EventIssue[] = [];
  constructor(private readonly base: string) {}

  fail(path: string, message: string): void {
    this.issues.push({ path: this.base + path, message });
  }

  nonEmptyString(parent: Json, key: string, path: string): string {
    const value = parent[key];
    if (value === undefined) this.fail(`${path}/${key}`, `${key} is required`);
    else if (typeof value !== 'string') this.fail(`${path}/${key}`, `${key} must be a string`);
    else if (value.trim() === '') this.fail(`${path}/${key}`, `${key} must not be empty`);
    return typeof value === 'string' ? value : '';
  }

  identity(value: unknown, path: string, what: string): { namespace: string; name: string; object: Json } | null {
    if (!isObject(value)) {
      this.fail(path, value === undefined ? `${what} is required` : `${what} must be an object`);
      return null;
    }
    const namespace = this.nonEmptyString(value, 'namespace', path);
    const name = this.nonEmptyString(value, 'name', path);
    for (const [key, text] of [['namespace', namespace], ['name', name]] as const) {
      const reason = tooLongReason(text, TEXT_LIMITS.identity);
      if (reason) this.fail(`${path}/${key}`, `${key} ${reason}`);
    }
    return { namespace, name, object: value };
  }

  /** The facet strings that become identities, within their limits. */
  facetLimits(facets: unknown, path: string): void {
    if (!isObject(facets)) return;
    for (const issue of facetLimitIssues(facets)) this.fail(`${path}${issue.pointer}`, issue.message);
  }

  job(value: unknown, path: string): OpenLineageJob {
    const id = this.identity(value, path, 'job');
    return { namespace: id?.namespace ?? '', name: id?.name ?? '', facets: facetsOf(id?.object.facets) };
  }

  dataset(value: unknown, path: string, ioKey: 'inputFacets' | 'outputFacets' | null): OpenLineageDataset {
    const id = this.identity(value, path, 'dataset');
    this.facetLimits(id?.object.facets, `${path}/facets`);
    return {
      namespace: id?.namespace ?? '',
      name: id?.name ?? '',
      facets: facetsOf(id?.object.facets),
      ioFacets: ioKey ? facetsOf(id?.object[ioKey]) : {},
    };
  }

  datasets(parent: Json, key: 'inputs' | 'outputs'): OpenLineageDataset[] {
    const value = parent[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(`/${key}`, `${key} must be an array of datasets`);
      return [];
    }
    return value.map((item, i) => this.dataset(item, `/${key}/${i}`, key === 'inputs' ? 'inputFacets' : 'outputFacets'));
  }
}

export function validateEvent(json: unknown, path = ''): ValidationResult {
  const check = new Checker(path);
  if (!isObject(json)) {
    check.fail('', 'an OpenLineage event must be a JSON object');
    return { ok: false, issues: check.issues };
  }
  // Every string and key, facets included: one the database refuses would fail its whole commit.
  for (const issue of jsonTextIssues(json, { maxDepth: MAX_NESTING })) {
    check.fail(issue.path.map((part) => `/${pointerSegment(part)}`).join(''), issue.message);
  }
  const time = normalizeEventTime(json.eventTime);
  if (json.eventTime === undefined) check.fail('/eventTime', 'eventTime is required');
  else if ('reason' in time) check.fail('/eventTime', `eventTime must be an ISO-8601 date-time: ${time.reason}`);
  const eventTime = 'iso' in time ? time.iso : '';
  const producer = check.nonEmptyString(json, 'producer', '');
  const schemaURL = check.nonEmptyString(json, 'schemaURL', '');
  const envelope = { eventTime, producer, schemaURL };

  let event: OpenLineageEvent | null = null;
  if (json.run !== undefined) {
    let runId = '';
    if (!isObject(json.run)) check.fail('/run', 'run must be an object');
    else {
      const value = json.run.runId;
      if (value === undefined) check.fail('/run/runId', 'run.runId is required');
      else if (typeof value !== 'string' || !UUID.test(value)) check.fail('/run/runId', `run.runId must be a UUID, got ${JSON.stringify(value)}`);
      else runId = value;
    }
    let eventType: RunState = 'OTHER';
    if (json.eventType !== undefined) {
      if (typeof json.eventType === 'string' && (RUN_STATES as readonly string[]).includes(json.eventType)) eventType = json.eventType as RunState;
      else check.fail('/eventType', `eventType must be one of ${RUN_STATES.join(', ')}, got ${JSON.stringify(json.eventType)}`);
    }
    event = {
      type: 'RunEvent',
      ...envelope,
      eventType,
      run: { runId, facets: facetsOf(isObject(json.run) ? json.run.facets : undefined) },
      job: check.job(json.job, '/job'),
      inputs: check.datasets(json, 'inputs'),
      outputs: check.datasets(json, 'outputs'),
    };
  } else if (json.job !== undefined) {
    event = { type: 'JobEvent', ...envelope, job: check.job(json.job, '/job'), inputs: check.datasets(json, 'inputs'), outputs: check.datasets(json, 'outputs') };
  } else if (json.dataset !== undefined) {
    event = { type: 'DatasetEvent', ...envelope, dataset: check.dataset(json.dataset, '/dataset', null) };
  } else {
    check.fail('', 'not an OpenLineage event: a RunEvent has run and job, a JobEvent has job, a DatasetEvent has dataset');
  }
  if (event) {
    // The spec's refusals that the checks above did not already make, at the same or an enclosing path.
    const reported = check.issues.map((issue) => issue.path);
    for (const issue of specIssues(event.type, json, path)) {
      if (!reported.some((p) => issue.path === p || issue.path.startsWith(`${p}/`))) check.issues.push(issue);
    }
  }
  if (check.issues.length > 0 || !event) return { ok: false, issues: check.issues };
  return { ok: true, event };
}
