import { PolicyError, policyFrom, readPolicyFile, type Policy } from '../../graph-model/analyses/policy.js';

/** With no policy configured, audits propagate pii and sensitivity and restrict nothing: they list consumers. */
export function defaultPolicy(): Policy {
  return policyFrom({ policies: [] }, 'default policy');
}

/** The policy of DCTX_POLICY_FILE (YAML or JSON, docs/compliance.md), else the default. */
export async function policyFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Policy> {
  const file = env.DCTX_POLICY_FILE;
  if (!file) return defaultPolicy();
  try {
    return await readPolicyFile(file);
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new Error(`DCTX_POLICY_FILE ${file}: ${(error as Error).message}`);
  }
}
