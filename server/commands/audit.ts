import type { Command } from 'commander';
import { audit } from '../../graph-model/analyses/complianceAudit.js';
import { PolicyError, readPolicyFile } from '../../graph-model/analyses/policy.js';
import { policyFromEnv } from '../graphql/servicePolicy.js';
import { asOf, existingFile } from './cliArguments.js';
import { UserError, type CliContext } from './cliContext.js';
import { label, table, withIndex } from './analysisContext.js';

export function auditCommand(program: Command, cli: CliContext): void {
  program
    .command('audit')
    .description('the compliance audit: consumers of tagged data, their purposes, and policy violations with evidence paths')
    .option('--policy <file>', 'policy file, YAML or JSON (default: DCTX_POLICY_FILE, else propagate pii and sensitivity and restrict nothing)', existingFile)
    .option('--as-of <version|time>', 'a graph version or an RFC 3339 time or a date (default: the latest)', asOf)
    .action(async (opts: { policy?: string; asOf?: string }) => {
      let policy;
      try {
        policy = opts.policy ? await readPolicyFile(opts.policy) : await policyFromEnv();
      } catch (error) {
        if (error instanceof PolicyError) throw new UserError(error.message);
        throw new UserError(`cannot read the policy: ${(error as Error).message}`);
      }
      const report = await withIndex(cli, opts.asOf, async (store, index, version) => audit(index, (await store.tagsAt(version)).tags, policy, { asOf: version }));
      cli.print(report, () => {
        const consumers = report.consumers.map((c) => [c.verdict, c.role, c.kind, label(c), c.purposes.join(',') || '-', c.tags.map((t) => `${t.key}=${t.value}`).join(',')]);
        const violations = report.violations.map((v) => [v.kind, label(v.consumer), v.purpose ?? '-', `${v.key}=${v.value}`, v.allowedPurposes.join(',')]);
        return [
          table(['verdict', 'role', 'kind', 'consumer', 'purposes', 'tags'], consumers),
          '',
          violations.length > 0 ? table(['violation', 'consumer', 'purpose', 'tag', 'allowed'], violations) : 'no violations',
          '',
          `graph version ${report.version}, policy ${report.policy.hash.slice(0, 12)}: ${report.summary.text}`,
        ].join('\n');
      });
      // Violations are a finding, not a crash: exit 2 so scripts and CI can gate on them.
      if (report.violations.length > 0) process.exitCode = 2;
    });
}
