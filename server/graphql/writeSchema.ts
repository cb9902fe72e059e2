import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printedSchema } from './schema.js';

/** `npm run schema`: regenerates schema.graphql from the type-graphql classes. */
const target = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(target, await printedSchema());
process.stdout.write(`wrote ${target}\n`);
