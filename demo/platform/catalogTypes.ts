/**
 * The shapes of the demo platform's catalog items, as the YAML of docs/risk-catalog.md spells them.
 * Optional keys are left out rather than set to undefined, so the YAML carries no empty keys.
 */
export interface FeatureSpec {
  name: string;
  entity: string;
  type: string;
  description: string;
  reads: string[];
  expression?: string;
  sql?: string;
  onlineStore: string;
  window?: string;
  freshness: string;
  owner: string;
}

export interface ModelSpec {
  name: string;
  version: string;
  description: string;
  inputs: string[];
  trainingTables: string[];
  outputs: { name: string; type: string; description?: string }[];
  defaultOutput: string;
  owner: string;
  tags: Record<string, string>;
}

export type RuleAction = 'pass' | 'review' | 'challenge' | 'block';

export interface RuleSpec {
  name: string;
  expression: string;
  action: RuleAction;
  priority: number;
  purpose: 'anti-fraud' | 'aml' | 'account-security';
  owner: string;
  service: string;
  status?: 'active' | 'retired';
  description: string;
}

export interface EventFieldSpec {
  name: string;
  type: string;
  pii?: string;
  tags?: Record<string, string>;
}

export interface ServiceSpec {
  name: string;
  scene: string;
  description: string;
  owner: string;
  tags: Record<string, string>;
  eventFields: EventFieldSpec[];
  ruleSets: { name: string; rules: string[] }[];
}
