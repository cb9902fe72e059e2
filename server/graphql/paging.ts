import type { GraphQLContext } from './context.js';
import { ErrorCode, clientError } from './errors.js';
import type { Page } from './types/connection.js';

export const DEFAULT_PAGE_SIZE = 50;

/** The page size asked for, refused beyond the configured maximum rather than silently cut. */
export function pageSize(ctx: GraphQLContext, first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0) throw clientError(ErrorCode.BAD_USER_INPUT, `first must be a non-negative integer, got ${size}`, { argument: 'first' });
  if (size > ctx.limits.maxPageSize) {
    throw clientError(ErrorCode.LIMIT_EXCEEDED, `first is ${size}; at most ${ctx.limits.maxPageSize} items per page`, { argument: 'first', limit: ctx.limits.maxPageSize });
  }
  return size;
}

/** Cursors are opaque to clients; inside they are the offset of the last item of a page. */
export function offsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function offsetAfter(after: string | null | undefined): number {
  if (after === undefined || after === null || after === '') return 0;
  const match = /^o:(\d+)$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  if (!match) throw clientError(ErrorCode.BAD_USER_INPUT, 'after is not a cursor of this list', { argument: 'after' });
  return Number(match[1]) + 1;
}

/** A page of an in-memory list (neighbours from the index, runs of one computation). */
export function pageOf<T>(ctx: GraphQLContext, items: readonly T[], first: number | null | undefined, after: string | null | undefined): Page<T> {
  const size = pageSize(ctx, first);
  const start = offsetAfter(after);
  const nodes = items.slice(start, start + size);
  const last = start + nodes.length - 1;
  return {
    totalCount: items.length,
    nodes,
    pageInfo: { hasNextPage: start + nodes.length < items.length, endCursor: nodes.length > 0 ? offsetCursor(last) : null },
  };
}
