export type ChangesetIssueCode =
  | 'INVALID_SHAPE'
  | 'EMPTY_IDENTITY'
  | 'UNKNOWN_KIND'
  | 'INVALID_EDGE'
  | 'UNKNOWN_NODE'
  | 'UNKNOWN_FIELD'
  | 'CONFLICTING_ASSERTION'
  | 'RETRACT_IN_FULL';

export interface ChangesetIssue {
  code: ChangesetIssueCode;
  /** Where in the changeset, e.g. `edges[3].to`. */
  path: string;
  message: string;
}

/** A changeset refused as a whole: nothing of it was committed. */
export class ChangesetRejectedError extends Error {
  override name = 'ChangesetRejectedError';
  constructor(readonly issues: ChangesetIssue[]) {
    super(
      `changeset rejected: ${issues
        .slice(0, 5)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`,
    );
  }

  get code(): ChangesetIssueCode {
    return this.issues[0]!.code;
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
