import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createGzip, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeId } from '../../../graph-model/ids.js';
import { JOBS_NS, RUN_1, dataset, runEvent } from '../../ingestors/openlineage/olEvents.js';
import { rawRequest } from '../httpClient.js';
import { usePgliteServices } from './pgliteServices.js';

const LINEAGE = '/api/v1/lineage';
const GRAPHQL = '/graphql';
const SMALL_LIMIT = 64 * 1024;
const STANDARD_LIMIT = 10 * 1024 * 1024;
const MiB = 1024 * 1024;

const event = (job: string) => runEvent({ runId: RUN_1, eventType: 'COMPLETE', eventTime: '2026-03-01T08:05:00Z', job, outputs: [dataset(`risk.${job}_out`)] });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** Sends gzip of `total` bytes of zeros, made as it is sent; says how much was made when the answer came. */
function streamGzipOfZeros(base: string, path: string, total: number): Promise<{ status: number; body: any; inflatedBytesMade: number }> {
  return new Promise((resolve, reject) => {
    let made = 0;
    const zeros = new Readable({
      read() {
        if (made >= total) return this.push(null);
        const chunk = Buffer.alloc(Math.min(MiB, total - made));
        made += chunk.length;
        this.push(chunk);
      },
    });
    const gzip = createGzip({ level: 1 });
    const req = request(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', 'transfer-encoding': 'chunked' } }, (res) => {
      const madeWhenAnswered = made;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => {
        zeros.destroy();
        gzip.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), inflatedBytesMade: madeWhenAnswered });
      });
      res.on('error', reject);
    });
    req.on('error', () => undefined);
    zeros.pipe(gzip).pipe(req);
  });
}

describe('request bodies: content codings, media types and limits over HTTP [pglite]', () => {
  const services = usePgliteServices({ small: { maxBodyBytes: SMALL_LIMIT }, standard: { maxBodyBytes: STANDARD_LIMIT } });
  const small = () => services.service('small').base;
  const standard = () => services.service('standard').base;

  it('inflates gzip and deflate bodies on POST /api/v1/lineage (the OpenLineage clients\' compression: gzip), and takes identity', async () => {
    const bodies: [string, Record<string, string>, Buffer][] = [
      ['gzipped_job', { 'content-encoding': 'gzip' }, gzipSync(json(event('gzipped_job')))],
      ['deflated_job', { 'content-encoding': 'deflate' }, deflateSync(json(event('deflated_job')))],
      ['identity_job', { 'content-encoding': 'identity' }, json(event('identity_job'))],
      ['xgzip_job', { 'content-encoding': 'x-gzip' }, gzipSync(json(event('xgzip_job')))],
    ];
    for (const [job, headers, body] of bodies) {
      const res = await rawRequest(small(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      expect(res.status, `${job}: ${res.text}`).toBe(201);
      expect(res.json).toMatchObject({ accepted: 1, rejected: 0 });
      expect(await services.store().node(nodeId('COMPUTATION', JOBS_NS, job))).not.toBeNull();
    }
    // Chunked (no Content-Length), as a streaming client sends it.
    const zipped = gzipSync(json(event('chunked_job')));
    const chunked = await rawRequest(small(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: [zipped.subarray(0, 10), zipped.subarray(10)] });
    expect(chunked.status).toBe(201);
  });

  it('inflates gzip and deflate bodies on POST /graphql', async () => {
    for (const [coding, body] of [
      ['gzip', gzipSync(json({ query: '{ graphVersion }' }))],
      ['deflate', deflateSync(json({ query: '{ graphVersion }' }))],
    ] as const) {
      const res = await rawRequest(small(), GRAPHQL, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': coding }, body });
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({ data: { graphVersion: expect.any(Number) } });
    }
  });

  it('refuses with 413 a 64 KB gzip body that inflates to 64 MiB, on both endpoints', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MiB, ' '), { level: 9 });
    expect(bomb.length).toBeLessThan(STANDARD_LIMIT);
    const lineage = await rawRequest(standard(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
    expect(lineage.status).toBe(413);
    expect(lineage.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: STANDARD_LIMIT, encoding: 'gzip' });
    expect(lineage.json.error.message).toBe(`the gzip request body inflates to more than ${STANDARD_LIMIT} bytes`);
    const graphql = await rawRequest(standard(), GRAPHQL, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb });
    expect(graphql.status).toBe(413);
    expect(graphql.json.errors[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: STANDARD_LIMIT });
  });

  it('stops inflating at the limit: a gzip stream of 1 GiB of zeros is refused while it is still being sent', async () => {
    const total = 1024 * MiB;
    const res = await streamGzipOfZeros(standard(), LINEAGE, total);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Had the server inflated (or held) the whole body, the answer could only come after all of it was made.
    expect(res.inflatedBytesMade).toBeLessThan(total);
    // The server still serves.
    expect((await rawRequest(standard(), '/healthz')).status).toBe(200);
  });

  it('limits the body as sent too: a gzip body larger than the limit is 413 even though it inflates to less', async () => {
    // Random bytes do not compress: gzip makes them a little larger.
    const inflated = randomBytes(SMALL_LIMIT - 8);
    const zipped = gzipSync(inflated);
    expect(zipped.length).toBeGreaterThan(SMALL_LIMIT);
    for (const body of [zipped, [zipped.subarray(0, 1000), zipped.subarray(1000)]]) {
      const res = await rawRequest(small(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body });
      expect(res.status).toBe(413);
      expect(res.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: SMALL_LIMIT });
      expect(res.json.error.message).toBe(`the request body exceeds ${SMALL_LIMIT} bytes`);
    }
  });

  it('refuses an unknown or stacked content coding with 415 naming it', async () => {
    for (const path of [LINEAGE, GRAPHQL]) {
      const br = await rawRequest(small(), path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: '{}' });
      expect(br.status).toBe(415);
      const error = path === LINEAGE ? br.json.error : br.json.errors[0].extensions;
      expect(error).toMatchObject({ encoding: 'br', supported: ['gzip', 'deflate', 'identity'] });
      expect(path === LINEAGE ? error.code : error.reason).toBe('UNSUPPORTED_CONTENT_ENCODING');
      expect(path === LINEAGE ? br.json.error.message : br.json.errors[0].message).toMatch(/content coding "br" is not supported/);
    }
    const stacked = await rawRequest(small(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'deflate, gzip' }, body: gzipSync(deflateSync('{}')) });
    expect(stacked.status).toBe(415);
    expect(stacked.json.error).toMatchObject({ code: 'UNSUPPORTED_CONTENT_ENCODING', encoding: 'deflate, gzip' });
  });

  it('answers a corrupt or truncated gzip body with 400 naming the problem', async () => {
    const notGzip = await rawRequest(small(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: json(event('plain')) });
    expect(notGzip.status).toBe(400);
    expect(notGzip.json.error).toMatchObject({ code: 'MALFORMED_BODY', encoding: 'gzip' });
    expect(notGzip.json.error.message).toBe('the request body is not valid gzip data: incorrect header check');
    const zipped = gzipSync(json(event('cut')));
    const truncated = await rawRequest(small(), GRAPHQL, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: zipped.subarray(0, zipped.length - 12) });
    expect(truncated.status).toBe(400);
    expect(truncated.json.errors[0].message).toBe('the request body is not valid gzip data: unexpected end of file');
    expect(truncated.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_BODY', encoding: 'gzip' });
  });

  it('names the line and column of malformed JSON inside a gzip body', async () => {
    const res = await rawRequest(small(), LINEAGE, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{\n  "eventType": tru\n}') });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'MALFORMED_JSON', line: 2, column: 19 });
  });

  it('refuses a body of another media type with 415 UNSUPPORTED_MEDIA_TYPE before reading it, on both endpoints', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      const graphql = await rawRequest(small(), GRAPHQL, { method: 'POST', headers, body: '{"query":"{ graphVersion }"}' });
      expect(graphql.status, contentType).toBe(415);
      expect(graphql.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_MEDIA_TYPE', expected: 'application/json' });
      expect(graphql.json.errors[0].message).toBe(`expected Content-Type application/json, got ${contentType ?? 'none'}`);
      const lineage = await rawRequest(small(), LINEAGE, { method: 'POST', headers, body: JSON.stringify(event('typed')) });
      expect(lineage.status, contentType).toBe(415);
      expect(lineage.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    // GraphQL over HTTP's own types are taken, with parameters.
    for (const contentType of ['application/json; charset=utf-8', 'application/graphql-response+json']) {
      const res = await rawRequest(small(), GRAPHQL, { method: 'POST', headers: { 'content-type': contentType }, body: '{"query":"{ graphVersion }"}' });
      expect(res.status, contentType).toBe(200);
    }
  });
});
