import { InvalidAsOfError } from '../../../../graph-model/store/operations/resolveAsOf.js';
import { HttpError } from '../../httpError.js';
import type { MarquezParts } from './parts.js';

/**
 * The graph version a request reads: `?asOf=` (a graph version or an ISO-8601 time, this API's
 * extension to Marquez's), else the latest the index holds. A version the index has not caught up
 * with yet is waited for, as GraphQL does.
 */
export async function readVersion(parts: MarquezParts, url: URL): Promise<number> {
  const raw = url.searchParams.get('asOf');
  if (raw === null || raw === '') return parts.index.version;
  const asOf = /^\d+$/.test(raw) ? Number(raw) : raw;
  let version: number;
  try {
    version = await parts.store.resolveAsOf(asOf);
  } catch (error) {
    if (error instanceof InvalidAsOfError) throw new HttpError('BAD_QUERY', `asOf: ${error.message}`, { parameter: 'asOf' });
    throw error;
  }
  if (version > parts.index.version) await parts.index.waitFor(version);
  return version;
}

/** A non-negative integer query parameter, or its default when absent. */
export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new HttpError('BAD_QUERY', `${name} must be a non-negative integer, got "${raw}"`, { parameter: name });
  return Number(raw);
}

export interface Page {
  limit: number;
  offset: number;
}

/** Marquez's `limit` (default 100, as its clients send) and `offset`; a limit past the API's page size is refused. */
export function pageParams(parts: MarquezParts, url: URL, defaultLimit = 100): Page {
  const limit = intParam(url, 'limit', defaultLimit);
  const max = parts.limits.maxPageSize;
  if (limit > max) throw new HttpError('LIMIT_EXCEEDED', `limit ${limit} is above the largest page, ${max} (DCTX_MAX_PAGE_SIZE)`, { parameter: 'limit', limit: max, value: limit });
  return { limit, offset: intParam(url, 'offset', 0) };
}

export function paged<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}

/** A required query parameter. */
export function required(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (value === null || value === '') throw new HttpError('BAD_QUERY', `${name} is required`, { parameter: name });
  return value;
}

export function booleanParam(url: URL, name: string, fallback: boolean): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new HttpError('BAD_QUERY', `${name} must be true or false, got "${raw}"`, { parameter: name });
}
