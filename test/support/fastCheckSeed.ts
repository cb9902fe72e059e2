import fc from 'fast-check';

// Replays a property failure printed by CI: FC_SEED=<seed> [FC_PATH=<path>] npx vitest run <file>.
if (process.env.FC_SEED) {
  fc.configureGlobal({ seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) });
}
