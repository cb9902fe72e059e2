import { afterEach, beforeEach, expect, it } from 'vitest';
import { nodeId } from '../../graph-model/ids.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { DECISION_PATH } from '../../server/http/routes/decision.js';
import { startServer } from '../server/httpClient.js';
import { describeEachEngine, useStore } from '../support/engines.js';
import { FEATURES, fraudPlatform, MODELS, RULES } from './riskChangeset.js';

const feature = (name: string) => ({ id: nodeId('ASSET', FEATURES, name), namespace: FEATURES, name });
const RULE = { id: nodeId('ASSET', RULES, 'card_burst'), namespace: RULES, name: 'card_burst' };

async function get(base: string, query: string): Promise<{ status: number; type: string | null; body: any }> {
  const res = await fetch(`${base}${DECISION_PATH}${query}`);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describeEachEngine('GET /v1/decision/rule-features', (engine) => {
  const shared = useStore(engine);
  let store: GraphStore;
  let index: GraphIndex;
  let base: string;
  let close: () => Promise<void>;
  let version: number;
  beforeEach(async () => {
    store = shared.store();
    version = (await store.apply(fraudPlatform())).version;
    index = await GraphIndex.load(store);
    ({ base, close } = await startServer(store, { index }));
  });
  afterEach(async () => {
    await close();
    index.close();
  });

  it('answers by id: the rule, the version, direct and transitive features, and the model with its inputs', async () => {
    const res = await get(base, `?id=${RULE.id}`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      rule: RULE,
      version,
      direct: [feature('card_cnt_1h'), feature('card_ratio_1h')],
      transitive: [feature('card_cnt_1h'), feature('card_cnt_24h'), feature('card_ratio_1h'), feature('user_amt_24h')],
      models: [{ id: nodeId('ASSET', MODELS, 'fraud'), namespace: MODELS, name: 'fraud', inputs: [feature('user_amt_24h')] }],
    });
  });

  it('answers by namespace and name, URL-decoded, with the same body', async () => {
    const byId = await get(base, `?id=${encodeURIComponent(RULE.id)}`);
    const byName = await get(base, `?namespace=${encodeURIComponent(RULES)}&name=card%5Fburst`);
    expect(byName).toEqual(byId);
    expect((await get(base, `?name=card_burst&namespace=risk.rules&other=1`)).body).toEqual(byId.body);
  });

  it('answers 404 naming what was not found, and why', async () => {
    const unknown = await get(base, '?id=a-no-such-rule');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'RULE_NOT_FOUND', message: `no RULE asset with id a-no-such-rule at graph version ${version}`, id: 'a-no-such-rule', version });
    const notARule = await get(base, `?id=${feature('card_cnt_1h').id}`);
    expect(notARule.status).toBe(404);
    expect(notARule.body.error.message).toBe(`the node with id ${feature('card_cnt_1h').id} is a FEATURE, not a RULE at graph version ${version}`);
    const byName = await get(base, '?namespace=risk.rules&name=nope');
    expect(byName.status).toBe(404);
    expect(byName.body.error).toMatchObject({ code: 'RULE_NOT_FOUND', namespace: 'risk.rules', name: 'nope', message: expect.stringContaining('namespace risk.rules and name nope') });
  });

  it('answers 400 without a rule, with half a name, with both forms, or with bad URL encoding', async () => {
    for (const query of ['', '?', '?id=', '?namespace=risk.rules', '?name=card_burst', `?id=${RULE.id}&name=card_burst`, '?id=%E0%A4%A']) {
      const res = await get(base, query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('BAD_QUERY');
    }
    expect((await get(base, '')).body.error.message).toBe('no rule given: use ?id=<rule node id> or ?namespace=..&name=..');
    expect((await get(base, '?namespace=risk.rules')).body.error.message).toContain('name is missing');
  });

  it('shows a commit once the index has caught up: a new feature of the rule, at the new version', async () => {
    const next = (await store.apply(fraudPlatform('card_decline_1h'))).version;
    await index.waitFor(next);
    const res = await get(base, `?id=${RULE.id}`);
    expect(res.body.version).toBe(next);
    expect(res.body.direct).toEqual([feature('card_cnt_1h'), feature('card_decline_1h'), feature('card_ratio_1h')]);
  });

  it('answers 405 to other methods and 503 from a server without an index', async () => {
    expect((await fetch(`${base}${DECISION_PATH}?id=${RULE.id}`, { method: 'POST' })).status).toBe(405);
    const bare = await startServer(store);
    try {
      const res = await get(bare.base, `?id=${RULE.id}`);
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('INDEX_UNAVAILABLE');
    } finally {
      await bare.close();
    }
  });
});
