import type { Changeset, EdgeAssertion, NodeAssertion, NodeRef } from '../../graph-model/model.js';

export const FEATURES = 'risk.features';
export const MODELS = 'risk.models';
export const RULES = 'risk.rules';
export const JOBS = 'risk.jobs';
export const WAREHOUSE = 'hive://warehouse';

const NAMESPACE_OF: Record<string, string> = { FEATURE: FEATURES, MODEL: MODELS, RULE: RULES };
const ref = (kind: string, name: string): NodeRef => ({ type: 'ASSET', namespace: NAMESPACE_OF[kind] ?? WAREHOUSE, name });
const job = (name: string): NodeRef => ({ type: 'COMPUTATION', namespace: JOBS, name });

/** The parts of a changeset shaped like the risk catalog's: assets, and computations that read and write them. */
export class RiskChangeset {
  private readonly assets: NodeAssertion[] = [];
  private readonly computations: NodeAssertion[] = [];
  private readonly edges: EdgeAssertion[] = [];
  private readonly kinds = new Map<string, string>();

  asset(kind: string, name: string): this {
    this.kinds.set(name, kind);
    this.assets.push({ ...ref(kind, name), kind });
    return this;
  }

  /** A computation `name` of `kind` reading and writing assets added before (by name). */
  computation(kind: string, name: string, reads: string[], writes: string[]): this {
    this.computations.push({ namespace: JOBS, name, kind });
    for (const input of reads) this.edges.push({ from: this.ref(input), to: job(name) });
    for (const output of writes) this.edges.push({ from: job(name), to: this.ref(output) });
    return this;
  }

  changeset(source = 'risk:test', mode: 'full' | 'delta' = 'full'): Changeset {
    return { source, mode, assets: this.assets, computations: this.computations, edges: this.edges };
  }

  private ref(name: string): NodeRef {
    const kind = this.kinds.get(name);
    if (kind === undefined) throw new Error(`asset ${name} was not added`);
    return ref(kind, name);
  }
}

/**
 * A small fraud platform: rule `card_burst` reads features `card_cnt_1h`, `card_ratio_1h` (derived
 * from `card_cnt_1h` and `card_cnt_24h`) and model `fraud`, whose inference reads `user_amt_24h`.
 * `extraRuleFeature` adds one more feature the rule reads (a later catalog change).
 */
export function fraudPlatform(extraRuleFeature?: string): Changeset {
  const c = new RiskChangeset().asset('STREAM', 'payments').asset('TABLE', 'labels');
  for (const f of ['card_cnt_1h', 'card_cnt_24h', 'card_ratio_1h', 'user_amt_24h', ...(extraRuleFeature ? [extraRuleFeature] : [])]) c.asset('FEATURE', f);
  c.asset('MODEL', 'fraud').asset('RULE', 'card_burst');
  for (const f of ['card_cnt_1h', 'card_cnt_24h', 'user_amt_24h', ...(extraRuleFeature ? [extraRuleFeature] : [])]) c.computation('FEATURE_PIPELINE', `${f}.pipeline`, ['payments'], [f]);
  c.computation('FEATURE_PIPELINE', 'card_ratio_1h.pipeline', ['card_cnt_1h', 'card_cnt_24h'], ['card_ratio_1h']);
  c.computation('TRAINING', 'fraud.training', ['labels', 'user_amt_24h'], ['fraud']);
  c.computation('INFERENCE', 'fraud.inference', ['user_amt_24h'], ['fraud']);
  c.computation('RULE_EVALUATION', 'card_burst.evaluation', ['card_cnt_1h', 'card_ratio_1h', 'payments', 'fraud', ...(extraRuleFeature ? [extraRuleFeature] : [])], ['card_burst']);
  return c.changeset();
}
