import type { IncomingMessage } from 'node:http';
import { HttpError } from './httpError.js';

/** Default request body limit (10 MiB); `DCTX_MAX_BODY_BYTES` overrides it. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export function maxBodyBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.DCTX_MAX_BODY_BYTES);
  return env.DCTX_MAX_BODY_BYTES && Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_BODY_BYTES;
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `the request body exceeds ${limit} bytes`, { limit }, true);
}

/**
 * The request body, refused with 413 as soon as it is known to exceed `limit`: from its declared
 * Content-Length before reading anything, else while it streams in, so at most `limit` bytes are
 * ever held. After a refusal the rest is discarded as it arrives, never stored, until the
 * connection closes (the 413 answer asks for that), so the client can still read the answer.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    // The client went away mid-body: nobody will read the answer, and it is not our failure.
    const onError = () => {
      cleanup();
      reject(new HttpError(400, 'REQUEST_ABORTED', 'the client aborted the request', {}, true));
    };
    const onAborted = onError;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
