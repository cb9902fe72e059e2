import type { Policy } from './policy.js';

/** What the policy says about consuming one tag key=value. */
export interface TagRestriction {
  /** The `tag` of every policy entry matching it (`pii`, `pii=phone`), in policy order. */
  policies: string[];
  /** Purposes every matching entry allows, sorted: the entries restrict together. */
  allowedPurposes: string[];
}

/**
 * The restriction on a tag, or null when no policy entry matches it (consuming it is unrestricted).
 * Entries are cumulative: `pii` allowing [anti-fraud, aml] and `pii=id_card` allowing [aml] leave
 * id_card to aml only, so a narrower entry can tighten a broad one but never loosen it.
 */
export function restrictionOf(policy: Policy, key: string, value: string): TagRestriction | null {
  const matching = policy.policies.filter((entry) => entry.key === key && (entry.value === undefined || entry.value === value));
  if (matching.length === 0) return null;
  const allowed = matching[0]!.allowedPurposes.filter((purpose) => matching.every((entry) => entry.allowedPurposes.includes(purpose)));
  return { policies: matching.map((entry) => entry.tag), allowedPurposes: allowed };
}
