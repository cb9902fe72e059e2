import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy, policyFrom, PolicyError, readPolicyFile } from '../../graph-model/analyses/policy.js';

/** The issues of a policy that must not parse. */
function issuesOf(text: string) {
  try {
    parsePolicy(text, 'policy.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).issues;
  }
  throw new Error('the policy parsed');
}

describe('policy files', () => {
  it('parses propagating keys and tag policies, with defaults and a content hash', () => {
    const policy = parsePolicy(
      ['propagate: [sensitivity, pii]', 'policies:', '  - tag: pii', '    allowedPurposes: [aml, anti-fraud]', '  - tag: pii=id_card', '    allowedPurposes: [aml]', '    description: KYC only'].join('\n'),
    );
    expect(policy.propagate).toEqual(['pii', 'sensitivity']);
    expect(policy.policies).toEqual([
      { tag: 'pii', key: 'pii', allowedPurposes: ['aml', 'anti-fraud'] },
      { tag: 'pii=id_card', key: 'pii', value: 'id_card', allowedPurposes: ['aml'], description: 'KYC only' },
    ]);
    expect(policy.hash).toMatch(/^[0-9a-f]{64}$/);
    // Same content, other order and comments: same hash. Other purposes: another hash.
    const reordered = parsePolicy('# ours\npolicies:\n  - {tag: pii, allowedPurposes: [anti-fraud, aml]}\n  - {tag: pii=id_card, allowedPurposes: [aml]}\npropagate: [pii, sensitivity]\n');
    expect(reordered.hash).toBe(policy.hash);
    expect(parsePolicy('policies: [{tag: pii, allowedPurposes: [aml]}]').hash).not.toBe(policy.hash);
    expect(parsePolicy('')).toMatchObject({ propagate: ['pii', 'sensitivity'], policies: [] });
    // JSON is YAML, and a parsed value works too.
    expect(parsePolicy('{"policies": [{"tag": "pii", "allowedPurposes": ["aml"]}]}').policies).toHaveLength(1);
    expect(policyFrom({ policies: [{ tag: 'sensitivity=L4', allowedPurposes: [] }] }).policies[0]).toMatchObject({ key: 'sensitivity', value: 'L4', allowedPurposes: [] });
  });

  it('names the path and line of each problem', () => {
    const issues = issuesOf(['propagate: [pii]', 'policies:', '  - tag: pii', '    allowedPurposes: anti-fraud', '  - tag: "pii = phone"', '    allowedPurposes: [aml]', '    alowedPurposes: [x]'].join('\n'));
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'policies[0].allowedPurposes', line: 4, message: expect.stringMatching(/array/) }),
        expect.objectContaining({ path: 'policies[1].tag', line: 5, message: 'must be `key` or `key=value`' }),
        expect.objectContaining({ path: 'policies[1].alowedPurposes', line: 7 }),
      ]),
    );
    expect(issuesOf('policies:\n  - allowedPurposes: [aml]\n')).toEqual([expect.objectContaining({ path: 'policies[0].tag', line: 2 })]);
  });

  it('refuses policies on keys that do not propagate, and purpose as a propagating key', () => {
    expect(issuesOf('propagate: [pii]\npolicies:\n  - tag: sensitivity=L4\n    allowedPurposes: [aml]\n')).toEqual([
      expect.objectContaining({ path: 'policies[0].tag', line: 3, message: expect.stringContaining('sensitivity does not propagate') }),
    ]);
    expect(issuesOf('propagate: [pii, purpose]\n')).toEqual([expect.objectContaining({ path: 'propagate[1]', line: 1 })]);
  });

  it('reports YAML syntax errors with their line, and the file in the message', async () => {
    const issues = issuesOf('policies:\n  - tag: pii\n    allowedPurposes: [aml\n');
    expect(issues[0]).toMatchObject({ line: expect.any(Number) });
    const dir = mkdtempSync(join(tmpdir(), 'dctx-policy-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'policies:\n  - tag: pii\n    allowedPurposes: 3\n');
    await expect(readPolicyFile(file)).rejects.toThrow(`${file}:3:22: policies[0].allowedPurposes: Invalid input: expected array`);
  });

  it('parses the example policy of the docs and the demo\'s', async () => {
    for (const file of ['../../docs/examples/policy.yaml', '../../demo/policy.yaml']) {
      const policy = await readPolicyFile(join(import.meta.dirname, file));
      expect(policy.propagate).toEqual(['pii', 'sensitivity']);
      expect(policy.policies.map((p) => p.tag)).toEqual(['pii', 'pii=id_card', 'pii=card_number', 'sensitivity=L4']);
    }
  });
});
