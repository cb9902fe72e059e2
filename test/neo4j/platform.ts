import type { Changeset } from '../../graph-model/model.js';
import { nodeId } from '../../graph-model/ids.js';
import { A, C, JOBS, NS, pipeline, reads, table, writes } from '../support/builders.js';

export const RULES = 'risk.rules';
export const RULE_JOBS = 'risk.rule_evaluations';

/**
 * Four versions with a hand-known projection:
 * 1. the shop pipeline (orders, users -> enrich -> orders_enriched; users.phone tagged pii,
 *    phone -> phone masked);
 * 2. the shop's full sync without users: users, its READS, its field edge and its tag end at 2;
 * 3. a rule, block_high_amount, evaluated by block_high_amount.eval reading orders_enriched;
 *    orders_enriched.phone tagged pii;
 * 4. the shop's full sync with orders redefined (a `currency` field): orders' version 1 ends at 4.
 */
export function fourVersions(): Changeset[] {
  const v1 = pipeline();
  const v2: Changeset = {
    source: 'dbt:shop',
    mode: 'full',
    assets: [table('shop.public.orders', ['id', 'user_id', 'amount']), table('shop.mart.orders_enriched', ['id', 'amount', 'phone'])],
    computations: v1.computations,
    edges: [reads('shop.public.orders', 'enrich'), writes('enrich', 'shop.mart.orders_enriched')],
    fieldEdges: v1.fieldEdges!.slice(0, 2),
    tags: [],
  };
  const v3: Changeset = {
    source: 'risk-catalog',
    mode: 'delta',
    assets: [{ namespace: RULES, name: 'block_high_amount', kind: 'RULE', definition: { description: 'blocks large orders', owners: [{ name: 'fraud-team' }] } }],
    computations: [{ namespace: RULE_JOBS, name: 'block_high_amount.eval', kind: 'RULE_EVALUATION' }],
    edges: [
      { from: A('shop.mart.orders_enriched'), to: { type: 'COMPUTATION', namespace: RULE_JOBS, name: 'block_high_amount.eval' } },
      { from: { type: 'COMPUTATION', namespace: RULE_JOBS, name: 'block_high_amount.eval' }, to: { type: 'ASSET', namespace: RULES, name: 'block_high_amount' } },
    ],
    tags: [{ target: A('shop.mart.orders_enriched'), field: 'phone', key: 'pii', value: 'phone' }],
  };
  const v4: Changeset = { ...v2, assets: [table('shop.public.orders', ['id', 'user_id', 'amount', 'currency']), v2.assets![1]!] };
  return [v1, v2, v3, v4];
}

/** The node ids of fourVersions(). */
export const ORDERS = nodeId('ASSET', NS, 'shop.public.orders');
export const USERS = nodeId('ASSET', NS, 'shop.public.users');
export const ENRICHED = nodeId('ASSET', NS, 'shop.mart.orders_enriched');
export const ENRICH = nodeId('COMPUTATION', JOBS, 'enrich');
export const RULE = nodeId('ASSET', RULES, 'block_high_amount');
export const RULE_EVAL = nodeId('COMPUTATION', RULE_JOBS, 'block_high_amount.eval');

export { A, C, JOBS, NS };
