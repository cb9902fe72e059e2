import { DctxError } from './dctxError.js';

export type ChangesetIssueCode =
  | 'INVALID_SHAPE'
  | 'EMPTY_IDENTITY'
  | 'UNKNOWN_KIND'
  | 'INVALID_EDGE'
  | 'UNKNOWN_NODE'
  | 'UNKNOWN_FIELD'
  | 'CONFLICTING_ASSERTION'
  | 'RETRACT_IN_FULL'
  /** A string the store cannot hold: a NUL character or a lone UTF-16 surrogate. */
  | 'INVALID_TEXT'
  /** A string longer than the index holding it allows (storableText.ts TEXT_LIMITS). */
  | 'TOO_LONG'
  /** Free-form JSON nested deeper than MAX_NESTING. */
  | 'TOO_DEEP'
  /** A time that is not a valid RFC 3339 date-time (an impossible date included). */
  | 'INVALID_TIME'
  /** The database refused a changeset that passed every check here (a constraint, a trigger, a data error). */
  | 'STORE_REFUSED';

export interface ChangesetIssue {
  code: ChangesetIssueCode;
  /** Where in the changeset, e.g. `edges[3].to`. */
  path: string;
  message: string;
}

/** A changeset refused as a whole: nothing of it was committed. */
export class ChangesetRejectedError extends DctxError<ChangesetIssueCode> {
  /** `code` is the first issue's. */
  constructor(
    readonly issues: ChangesetIssue[],
    options: { cause?: unknown } = {},
  ) {
    super(
      issues[0]?.code ?? 'INVALID_SHAPE',
      `changeset rejected: ${issues
        .slice(0, 5)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
      options,
    );
  }
}

export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out ? '.' : '') + String(part);
  }
  return out || '(root)';
}

/**
 * The database refused a changeset that passed validation: a constraint or trigger, or a value
 * the checks here do not know to refuse. Nothing was committed. The database's own message stays
 * out of `issues` (clients see them): it is in `cause`, for the log, under `errorId`.
 */
export class StoreRefusedError extends ChangesetRejectedError {
  declare readonly cause: Error & { code?: string };
  constructor(
    cause: Error & { code?: string },
    readonly errorId: string,
  ) {
    super(
      [
        {
          code: 'STORE_REFUSED',
          path: '(changeset)',
          message: `the database refused it (SQLSTATE ${cause.code ?? 'unknown'}; error id ${errorId}, logged with the database's message)`,
        },
      ],
      { cause },
    );
  }

  /** SQLSTATE of the database's error. */
  get sqlState(): string | undefined {
    return this.cause.code;
  }
}
