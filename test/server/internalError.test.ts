import { expect, it } from 'vitest';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { RUN_1, runEvent } from '../ingestors/openlineage/olEvents.js';
import { postJson, startServer } from './httpClient.js';

it('answers 500 with a generic message and an error id, never the details', async () => {
  // A store whose every read fails the way a lost database connection does.
  const failing = new Proxy({} as GraphStore, {
    get: () => () => Promise.reject(new Error('connection to 10.0.0.7 refused: password authentication failed')),
  });
  const { base, close } = await startServer(failing);
  try {
    const res = await postJson(base, '/api/v1/lineage', runEvent({ runId: RUN_1, eventType: 'START', eventTime: '2026-03-01T08:00:00Z' }));
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({ code: 'INTERNAL', message: 'internal error', errorId: expect.stringMatching(/^[0-9a-f]{12}-[0-9a-z]+$/) });
    expect(JSON.stringify(res.body)).not.toContain('password');
  } finally {
    await close();
  }
});
