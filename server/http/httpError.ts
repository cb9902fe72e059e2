/**
 * An error the client caused, answered with its status and a JSON body `{ error: { code, message, ...details } }`.
 * Anything else thrown by a route is an internal error (500, details only in the log).
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Close the connection after answering: the rest of the request body will not be read. */
    readonly closeConnection = false,
    /** Headers the answer needs (Allow on a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
