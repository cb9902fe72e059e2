/**
 * A child process for the crash-safety test: commits a small changeset, then a large one, saying
 * on stdout when it starts the large one so the parent can SIGKILL it in the middle.
 */
import { GraphStore, storeConfigFromEnv } from '../../graph-model/store/graphStore.js';
import type { Changeset } from '../../graph-model/model.js';

const size = Number(process.env.CRASH_NODES ?? 20000);
const store = await GraphStore.open(storeConfigFromEnv());
if ((await store.currentVersion()) === 0) {
  await store.apply({ source: 'small', mode: 'full', assets: [{ namespace: 'ns', name: 'seed', kind: 'TABLE' }] });
}
const big: Changeset = {
  source: 'big',
  mode: 'full',
  assets: Array.from({ length: size }, (_, i) => ({ namespace: 'ns', name: `t${i}`, kind: 'TABLE', definition: { fields: [{ name: 'id' }] } })),
  computations: Array.from({ length: size / 2 }, (_, i) => ({ namespace: 'ns', name: `job${i}`, kind: 'BATCH_JOB' })),
  edges: Array.from({ length: size }, (_, i) => ({
    from: { type: 'ASSET' as const, namespace: 'ns', name: `t${i}` },
    to: { type: 'COMPUTATION' as const, namespace: 'ns', name: `job${i % (size / 2)}` },
  })),
};
process.stdout.write('APPLYING\n');
await store.apply(big);
process.stdout.write('DONE\n');
await store.close();
