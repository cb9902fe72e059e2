/**
 * The base of every error data-context raises on purpose: `name` is the class's name (set once
 * here, so a subclass cannot forget it), `code` says what kind of mistake it is in a word a
 * program can test, and `cause` keeps the error it wraps (for the log; clients never see it).
 * The codes clients see, and their HTTP statuses, are in server/errorCodes.ts.
 */
export class DctxError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
  }
}
