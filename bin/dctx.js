#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a clean clone works after `npm ci` alone.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
