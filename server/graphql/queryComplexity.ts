import { createRequire } from 'node:module';
import type * as QueryComplexity from 'graphql-query-complexity';

// graphql-query-complexity's ESM build imports graphql's ESM files (graphql/index.mjs), while
// Apollo Server and type-graphql run on graphql's CommonJS build; two graphql instances refuse each
// other's schemas. Its CommonJS build shares graphql with them.
const require = createRequire(import.meta.url);
const { getComplexity, fieldExtensionsEstimator, simpleEstimator } = require('graphql-query-complexity') as typeof QueryComplexity;

export { fieldExtensionsEstimator, getComplexity, simpleEstimator };
