import { DctxError } from '../../graph-model/dctxError.js';
import { statusOf, type ErrorCode } from '../errorCodes.js';

/**
 * An error the client caused, answered with the status of its code (server/errorCodes.ts) and a
 * JSON body `{ error: { code, message, ...details } }`. Anything else thrown by a route is an
 * internal error (500, details only in the log).
 */
export class HttpError extends DctxError<ErrorCode> {
  /** Close the connection after answering: the rest of the request body will not be read. */
  readonly closeConnection: boolean;
  /** Headers the answer needs (Allow on a 405). */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options: { closeConnection?: boolean; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, message, 'cause' in options ? { cause: options.cause } : {});
    this.closeConnection = options.closeConnection ?? false;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return statusOf(this.code);
  }

  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}
