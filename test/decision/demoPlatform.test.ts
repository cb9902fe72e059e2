import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo } from '../../demo/loadDemo.js';
import { models, RETRAINED_MODEL } from '../../demo/platform/models.js';
import { RETIRED_RULE, rules } from '../../demo/platform/rules.js';
import { STEPS } from '../../demo/platform/steps.js';
import { DecisionIndex, type DecisionUpdate } from '../../graph-model/decision/decisionIndex.js';
import { GraphIndex } from '../../graph-model/index/graphIndex.js';
import type { GraphStore } from '../../graph-model/store/graphStore.js';
import { createTestDatabase, describeEachEngine, type TestDatabase } from '../support/engines.js';
import { namesOf } from './riskGraph.js';

const RULES = 'risk.rules';
const FINAL = STEPS.length;

describeEachEngine('decision time on the demo platform', (engine) => {
  let database: TestDatabase;
  let store: GraphStore;
  let index: GraphIndex;
  let decision: DecisionIndex;
  const updates: DecisionUpdate[] = [];
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    store = await database.open();
    // Attached before the load: every answer below was built by updates, none by a full build.
    index = await GraphIndex.load(store);
    decision = DecisionIndex.attach(index);
    decision.onUpdate = (update) => updates.push(update);
    await loadDemo(store);
    await index.waitFor(await store.currentVersion());
  }, 180_000);
  afterAll(async () => {
    index?.close();
    await database?.dispose();
  });

  it('answers for every rule of the catalog, equal to a full precompute of a fresh index', async () => {
    expect(decision.size).toBe(rules(FINAL).length);
    const fresh = await GraphIndex.load(store);
    try {
      const rebuilt = DecisionIndex.build(fresh);
      for (const id of decision.ruleIds()) expect(decision.featuresForRule(id)).toEqual(rebuilt.featuresForRule(id));
      expect(rebuilt.size).toBe(decision.size);
    } finally {
      fresh.close();
    }
  });

  it('lists a derived feature as direct and what it derives from as transitive', () => {
    const answer = decision.featuresForRule({ namespace: RULES, name: 'pay_velocity_card_burst_1h' })!;
    expect(answer.version).toBe(index.version);
    expect(namesOf(answer.direct)).toEqual(['card_txn_cnt_1h', 'card_velocity_ratio_1h']);
    expect(namesOf(answer.transitive)).toEqual(['card_txn_cnt_1h', 'card_txn_cnt_24h', 'card_velocity_ratio_1h']);
    expect(answer.models).toEqual([]);
  });

  it('gives a model rule its model with the retrained inputs, and those inputs as transitive features', () => {
    const answer = decision.featuresForRule({ namespace: RULES, name: 'pay_model_score_new_device' })!;
    const inputs = [...models(FINAL).find((m) => m.name === RETRAINED_MODEL)!.inputs].sort();
    expect(inputs).toContain('card_decline_rate_24h');
    expect(namesOf(answer.direct)).toEqual(['device_age_days']);
    expect(answer.models.map((m) => [m.name, namesOf(m.inputs)])).toEqual([[RETRAINED_MODEL, inputs]]);
    expect(new Set(namesOf(answer.transitive))).toEqual(new Set([...inputs, 'device_age_days']));
  });

  it('still answers for the rule retired by status (it stays in the graph), and recomputed only what each step touched', () => {
    expect(decision.featuresForRule({ namespace: RULES, name: RETIRED_RULE })).not.toBeNull();
    // The last step (model retrained) and the metrics touch a few rules, not the whole catalog again.
    const afterFirst = updates.slice(1).filter((u) => u.recomputed > 0);
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(Math.min(...afterFirst.map((u) => u.recomputed))).toBeLessThan(rules(FINAL).length);
  });
});
