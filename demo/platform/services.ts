import type { EventFieldSpec, RuleSpec, ServiceSpec } from './catalogTypes.js';

/** The event fields of each scene; the PII ones carry `pii` so compliance can follow them. */
const PAYMENT_EVENT: EventFieldSpec[] = [
  { name: 'txn_id', type: 'string' },
  { name: 'user_id', type: 'string' },
  { name: 'card_number', type: 'string', pii: 'card_number', tags: { sensitivity: 'L4' } },
  { name: 'card_bin', type: 'string' },
  { name: 'amount', type: 'decimal' },
  { name: 'currency', type: 'string' },
  { name: 'merchant_id', type: 'string' },
  { name: 'mcc', type: 'string' },
  { name: 'device_id', type: 'string' },
  { name: 'ip', type: 'string', pii: 'ip', tags: { sensitivity: 'L2' } },
  { name: 'phone', type: 'string', pii: 'phone', tags: { sensitivity: 'L3' } },
  { name: 'country', type: 'string' },
  { name: 'channel', type: 'string' },
  { name: 'hour', type: 'int' },
];

const LOGIN_EVENT: EventFieldSpec[] = [
  { name: 'user_id', type: 'string' },
  { name: 'device_id', type: 'string' },
  { name: 'ip', type: 'string', pii: 'ip', tags: { sensitivity: 'L2' } },
  { name: 'phone', type: 'string', pii: 'phone', tags: { sensitivity: 'L3' } },
  { name: 'auth_method', type: 'string' },
  { name: 'user_agent', type: 'string' },
  { name: 'country', type: 'string' },
  { name: 'hour', type: 'int' },
  { name: 'password_changed_hours', type: 'int' },
];

const WITHDRAWAL_EVENT: EventFieldSpec[] = [
  { name: 'withdrawal_id', type: 'string' },
  { name: 'user_id', type: 'string' },
  { name: 'amount', type: 'decimal' },
  { name: 'currency', type: 'string' },
  { name: 'payee_account', type: 'string', pii: 'bank_account', tags: { sensitivity: 'L4' } },
  { name: 'payee_bank', type: 'string' },
  { name: 'id_card', type: 'string', pii: 'id_card', tags: { sensitivity: 'L4' } },
  { name: 'device_id', type: 'string' },
  { name: 'ip', type: 'string', pii: 'ip', tags: { sensitivity: 'L2' } },
  { name: 'phone', type: 'string', pii: 'phone', tags: { sensitivity: 'L3' } },
  { name: 'country', type: 'string' },
  { name: 'is_first_payee', type: 'boolean' },
];

interface ServiceShape {
  name: string;
  scene: string;
  description: string;
  owner: string;
  tier: string;
  eventFields: EventFieldSpec[];
}

const SHAPES: ServiceShape[] = [
  { name: 'payment_decision', scene: 'payment', description: 'Decides on every card payment authorization (p99 budget 50 ms).', owner: 'team-fraud-platform', tier: 'critical', eventFields: PAYMENT_EVENT },
  { name: 'login_decision', scene: 'login', description: 'Decides on every login attempt.', owner: 'team-account-security', tier: 'critical', eventFields: LOGIN_EVENT },
  { name: 'withdrawal_decision', scene: 'withdrawal', description: 'Decides on every withdrawal to an external account.', owner: 'team-aml', tier: 'high', eventFields: WITHDRAWAL_EVENT },
];

/**
 * The decision services, with their rules grouped in rule sets by `ruleSet` order of appearance.
 * A rule belongs to the service it names; the rule set is the part of its name before the first
 * `_` after the scene prefix (pay_velocity_... → velocity).
 */
export function services(rules: RuleSpec[]): ServiceSpec[] {
  return SHAPES.map((shape) => {
    const sets = new Map<string, string[]>();
    for (const rule of rules.filter((r) => r.service === shape.name)) {
      const set = rule.name.split('_')[1] ?? 'core';
      sets.set(set, [...(sets.get(set) ?? []), rule.name]);
    }
    return {
      name: shape.name,
      scene: shape.scene,
      description: shape.description,
      owner: shape.owner,
      tags: { tier: shape.tier },
      eventFields: shape.eventFields,
      ruleSets: [...sets].map(([name, members]) => ({ name, rules: members })),
    };
  });
}
