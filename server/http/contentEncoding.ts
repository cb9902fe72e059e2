import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { HttpError } from './httpError.js';

/** The content codings a request body may carry: what OpenLineage clients (`compression: gzip`) and HTTP libraries send. */
export const CONTENT_CODINGS = ['gzip', 'deflate', 'identity'] as const;
export type ContentCoding = (typeof CONTENT_CODINGS)[number];

/**
 * The coding of a request body from its Content-Encoding header: `identity` when there is none.
 * Unknown codings, and more than one coding stacked (`gzip, deflate`, which no client of this
 * API sends), are refused with 415 naming the header's value, before the body is read.
 */
export function contentCoding(req: IncomingMessage): ContentCoding {
  const header = req.headers['content-encoding'];
  if (header === undefined) return 'identity';
  const codings = header
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .map((coding) => (coding === 'x-gzip' ? 'gzip' : coding))
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1 && (CONTENT_CODINGS as readonly string[]).includes(codings[0]!)) return codings[0] as ContentCoding;
  const why = codings.length > 1 ? 'more than one content coding is not supported' : `content coding "${header}" is not supported`;
  throw new HttpError('UNSUPPORTED_CONTENT_ENCODING', `${why}; send the body as gzip, deflate or identity (uncompressed)`, { encoding: header, supported: [...CONTENT_CODINGS] }, { closeConnection: true });
}

/** A stream that inflates a body of `coding`; `deflate` is the zlib format, as RFC 9110 defines it. */
export function decoderFor(coding: Exclude<ContentCoding, 'identity'>): Gunzip | Inflate {
  return coding === 'gzip' ? createGunzip() : createInflate();
}
