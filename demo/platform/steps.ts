import { REDEFINED_FEATURE } from './features.js';
import { RETRAINED_MODEL } from './models.js';
import { RETIRED_RULE } from './rules.js';

/**
 * The demo platform's history: each step is a complete snapshot of the platform (SQL scripts and
 * risk catalog) in `demo/steps/<n>-<slug>/payfraud/`, generated (writeDemoFiles.ts). Loading applies them in order as full syncs
 * of the same sources, so each step's differences become graph versions.
 */
export interface DemoStep {
  number: number;
  slug: string;
  title: string;
}

export const STEPS: DemoStep[] = [
  { number: 1, slug: 'initial', title: 'the initial platform: SQL warehouse, features, models, rules, services' },
  { number: 2, slug: 'feature-redefined', title: `feature ${REDEFINED_FEATURE} moves from the nightly wide table to the payment stream` },
  { number: 3, slug: 'table-dropped', title: 'the legacy table ads.ads_merchant_risk_wide_legacy and its script are dropped' },
  { number: 4, slug: 'rule-retired', title: `rule ${RETIRED_RULE} is retired` },
  { number: 5, slug: 'model-retrained', title: `model ${RETRAINED_MODEL} is retrained on a new training set` },
];

/** The folder of a step's snapshot, relative to `demo/`; its basename names the demo's sources. */
export const stepDirectory = (step: DemoStep): string => `steps/${step.number}-${step.slug}/payfraud`;

/** The table step 3 drops, and the script that writes it. */
export const DROPPED_TABLE = 'ads.ads_merchant_risk_wide_legacy';
const DROPPED_SCRIPT = '41_ads_merchant_risk_legacy.sql';
/** The script step 5 adds: the new training set. */
const ADDED_SCRIPT = '51_fraud_training_set_2025q2.sql';

/** Which of the scripts of `demo/sql/` are part of the platform at a step. */
export function scriptInStep(file: string, step: number): boolean {
  if (file === DROPPED_SCRIPT) return step < 3;
  if (file === ADDED_SCRIPT) return step >= 5;
  return true;
}
