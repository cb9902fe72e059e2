import type { Command } from 'commander';
import path from 'node:path';
import { loadDemo } from '../../demo/loadDemo.js';
import { DEMO_ROOT } from '../../demo/platform/demoFiles.js';
import { GraphStore } from '../../graph-model/store/graphStore.js';
import type { CliContext } from './cliContext.js';
import { serveSettingsFromEnv, startServer, withListenOptions, type ListenOptions } from './serve.js';

/**
 * `dctx demo`: `dctx serve` with the demo payment-fraud platform (demo/README.md) loaded first
 * when the store does not have it yet, so a new user has something to look at; audits apply
 * demo/policy.yaml unless DCTX_POLICY_FILE is set.
 */
export function demoCommand(program: Command, cli: CliContext): void {
  withListenOptions(program.command('demo').description('load the demo payment-fraud platform if it is not there yet, then run the HTTP service')).action(
    async (opts: ListenOptions) => {
      // A configuration mistake is reported before the demo is loaded, not after.
      const settings = serveSettingsFromEnv(opts);
      const config = cli.storeConfig();
      const store = await GraphStore.open(config);
      // Progress goes to stderr so that --json keeps stdout for machine-readable output.
      const started = Date.now();
      const result = await loadDemo(store, { log: cli.json() ? undefined : (line) => process.stderr.write(`demo: ${line}\n`) });
      if (result.loaded) {
        const summary = { versions: result.versions, sources: result.sources, errors: result.errors.length, seconds: (Date.now() - started) / 1000 };
        if (cli.json()) process.stdout.write(`${JSON.stringify({ demo: summary })}\n`);
        else {
          process.stderr.write(
            `demo: loaded in ${summary.seconds.toFixed(1)} s as graph versions ${result.versions[0]}..${result.versions.at(-1)} ` +
              `(${result.errors.length} ingest errors); try: npx dctx changes --since 0\n`,
          );
        }
      }
      // The demo's own policy unless DCTX_POLICY_FILE names another: without one an audit restricts
      // nothing, and the explorer's audit view would show the demo's PII flows as no violation.
      await startServer(cli, config, store, opts, settings, { policyFile: path.join(DEMO_ROOT, 'policy.yaml') });
    },
  );
}
