import { HttpError } from './httpError.js';
import { jsonSyntaxErrorOffset, positionAt } from './jsonSyntaxError.js';

/** The body as JSON, or a 400 saying where it stops being JSON (position, line, column). */
export function parseJsonBody(body: Buffer): unknown {
  // A leading byte-order mark is what some Windows tools write; it is not an error of the content.
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = jsonSyntaxErrorOffset(text);
    const where = positionAt(text, offset < 0 ? text.length : offset);
    const reason = text.trim() === '' ? 'the request body is empty' : (error as Error).message;
    throw new HttpError('MALFORMED_JSON', `malformed JSON at line ${where.line}, column ${where.column}: ${reason}`, { ...where });
  }
}
