import type { IncomingMessage } from 'node:http';
import { contentCoding, decoderFor, type ContentCoding } from './contentEncoding.js';
import { HttpError } from './httpError.js';

/** Default request body limit (10 MiB); `DCTX_MAX_BODY_BYTES` overrides it. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Default time a request body may take to arrive (30 s); `DCTX_BODY_TIMEOUT_MS` overrides it. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

export interface BodyLimits {
  /** Largest body accepted, both as sent and once inflated (gzip, deflate). */
  maxBytes: number;
  /** Longest time the whole body may take to arrive, however slowly it trickles in. */
  timeoutMs: number;
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : fallback;
}

export function maxBodyBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger(env.DCTX_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES);
}

export function bodyTimeoutMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger(env.DCTX_BODY_TIMEOUT_MS, DEFAULT_BODY_TIMEOUT_MS);
}

function tooLarge(limit: number, coding: ContentCoding, inflated: boolean): HttpError {
  const message = inflated ? `the ${coding} request body inflates to more than ${limit} bytes` : `the request body exceeds ${limit} bytes`;
  return new HttpError('PAYLOAD_TOO_LARGE', message, { limit, ...(coding !== 'identity' ? { encoding: coding } : {}) }, { closeConnection: true });
}

function corrupt(coding: ContentCoding, error: Error & { code?: string }): HttpError {
  return new HttpError('MALFORMED_BODY', `the request body is not valid ${coding} data: ${error.message}`, { encoding: coding, cause: error.code ?? 'corrupt' }, { closeConnection: true, cause: error });
}

function timedOut(timeoutMs: number): HttpError {
  return new HttpError('REQUEST_TIMEOUT', `the request body did not arrive within ${timeoutMs} ms`, { timeoutMs }, { closeConnection: true });
}

/**
 * The request body, inflated when its Content-Encoding is gzip or deflate (415 for another
 * coding). Refused with 413 as soon as it is known to exceed `maxBytes`: from its declared
 * Content-Length before reading anything, else as it streams in, counting the bytes as sent and
 * the bytes inflated (a small gzip body can inflate a thousandfold), so at most `maxBytes` bytes
 * are ever held. A corrupt compressed body is a 400 naming zlib's complaint; a body not complete
 * within `timeoutMs` a 408. After a refusal the rest is discarded as it arrives, never stored,
 * until the connection closes (the answer asks for that), so the client can still read the answer.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const { maxBytes, timeoutMs } = limits;
  let coding: ContentCoding;
  try {
    coding = contentCoding(req);
  } catch (error) {
    req.resume();
    return Promise.reject(error);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge(maxBytes, coding, false));
  }
  return new Promise((resolve, reject) => {
    const decoder = coding === 'identity' ? null : decoderFor(coding);
    const chunks: Buffer[] = [];
    let received = 0;
    let size = 0;
    let settled = false;
    const timer = setTimeout(() => fail(timedOut(timeoutMs)), timeoutMs);

    const detach = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('aborted', onAborted);
    };
    const fail = (error: HttpError) => {
      if (settled) return;
      settled = true;
      detach();
      chunks.length = 0;
      decoder?.destroy();
      req.resume();
      reject(error);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      detach();
      resolve(Buffer.concat(chunks, size));
    };
    /** A chunk of the body as the route sees it (inflated). */
    const keep = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes, coding, decoder !== null));
      else chunks.push(chunk);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) fail(tooLarge(maxBytes, coding, false));
      else if (decoder) decoder.write(chunk);
      else keep(chunk);
    };
    const onEnd = () => (decoder ? decoder.end() : finish());
    // The client went away mid-body: nobody will read the answer, and it is not our failure.
    const onAborted = () => fail(new HttpError('REQUEST_ABORTED', 'the client aborted the request', {}, { closeConnection: true }));

    if (decoder) {
      decoder.on('data', keep);
      decoder.on('end', finish);
      decoder.on('error', (error) => fail(corrupt(coding, error)));
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    req.on('aborted', onAborted);
  });
}
