import type { RuleUpstream } from './ruleUpstream.js';
import type { DecisionNode, RuleFeatures } from './ruleFeatures.js';

/**
 * One rule's precomputed answer and what serving it needs. The version is stamped when served:
 * an answer stays right at every later version until a catch-up touches the rule's upstream, so
 * only the small top-level object and the JSON bytes are remade per version, lazily, on first use.
 */
export class RuleEntry {
  private answer: RuleFeatures | null = null;
  private json: Buffer | null = null;
  private jsonVersion = -1;
  /** The JSON after `"version":`, made once per recompute. */
  private jsonTail: string | null = null;

  constructor(
    readonly node: number,
    readonly rule: DecisionNode,
    readonly upstream: RuleUpstream,
  ) {}

  /** The frozen answer stamped with `version`; the same object for every call at that version. */
  featuresAt(version: number): RuleFeatures {
    const answer = this.answer;
    if (answer !== null && answer.version === version) return answer;
    const { direct, transitive, models } = this.upstream;
    return (this.answer = Object.freeze({ rule: this.rule, version, direct, transitive, models }));
  }

  /** The answer as UTF-8 JSON bytes, in the field order of the contract; the same Buffer at one version. */
  jsonAt(version: number): Buffer {
    if (this.json !== null && this.jsonVersion === version) return this.json;
    if (this.jsonTail === null) {
      const { direct, transitive, models } = this.upstream;
      this.jsonTail = `,"direct":${JSON.stringify(direct)},"transitive":${JSON.stringify(transitive)},"models":${JSON.stringify(models)}}`;
    }
    this.json = Buffer.from(`{"rule":${JSON.stringify(this.rule)},"version":${version}${this.jsonTail}`);
    this.jsonVersion = version;
    return this.json;
  }
}
