import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DctxError } from '../graph-model/dctxError.js';
import { UnknownReferenceError } from '../graph-model/analyses/unknownFields.js';
import { neo4jConfigFromEnv } from '../graph-model/neo4j/neo4jConfig.js';
import { Neo4jSchemaError } from '../graph-model/neo4j/neo4jMigrations.js';
import { ProjectionOutOfSyncError } from '../graph-model/neo4j/projectVersion.js';
import { connectionTarget } from '../ingestors/postgres/connectionTarget.js';
import { PostgresCatalogError } from '../ingestors/postgres/postgresCatalogIngestor.js';
import { parseRuleExpression } from '../ingestors/risk/expression/index.js';
import { parserDatabase } from '../ingestors/sql/dialects.js';
import { recognizeMerge } from '../ingestors/sql/mergeSyntax.js';
import { scanSql } from '../ingestors/sql/sqlTokens.js';
import { parseTokens } from '../server/auth/parseTokens.js';
import { TokenRegistry } from '../server/auth/tokenRegistry.js';

const ROOT = join(import.meta.dirname, '..');
/** The product's code (the browser client in web/ is its own bundle, with its own ApiError). */
const PRODUCT = ['bin', 'graph-model', 'ingestors', 'server'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('one error base', () => {
  it('no error class in the product extends a built-in error but the base itself', () => {
    const direct = PRODUCT.flatMap((dir) => sourceFiles(join(ROOT, dir))).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/class\s+(\w+)(?:<[^>{]*>)?\s+extends\s+(Error|TypeError|RangeError|SyntaxError|AggregateError)\b/g)].map(
        (match) => `${relative(ROOT, file)}: ${match[1]} extends ${match[2]}`,
      ),
    );
    expect(direct).toEqual(['graph-model/dctxError.ts: DctxError extends Error']);
  });

  it('the errors moved onto the base keep their class name, message and fields, and gain a code', () => {
    const cases: [unknown, string, string, string][] = [
      [thrown(() => neo4jConfigFromEnv({ NEO4J_URL: 'http://localhost:7474' })), 'Neo4jConfigError', 'BAD_NEO4J_CONFIG', 'NEO4J_URL must be a bolt:// or neo4j:// URL (optionally +s or +ssc), got a http: URL'],
      [thrown(() => parserDatabase('cobol')), 'UnknownDialectError', 'BAD_USER_INPUT', 'unknown SQL dialect "cobol"; expected one of'],
      [thrown(() => parseRuleExpression('amount > ')), 'ExpressionSyntaxError', 'BAD_USER_INPUT', 'line 1, column'],
      [thrown(() => scanSql('SELECT (1')), 'SqlScanError', 'BAD_QUERY', 'unbalanced parenthesis'],
      [thrown(() => recognizeMerge('MERGE INTO t USING s')), 'MergeSyntaxError', 'BAD_QUERY', 'MERGE'],
      [thrown(() => new TokenRegistry(parseTokens(`ui:read:${'s'.repeat(32)}`)).authenticate('Basic x')), 'UnauthenticatedError', 'UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"'],
      [thrown(() => connectionTarget('postgres://db:5432')), 'InvalidConnectionUrlError', 'BAD_USER_INPUT', 'invalid PostgreSQL connection URL: '],
      // Thrown only against a live Neo4j, a store or a PostgreSQL catalog: made here as their throwers make them.
      [new UnknownReferenceError(3, ['asset:a#x'], 'fields'), 'UnknownReferenceError', 'BAD_USER_INPUT', 'unknown at graph version 3: asset:a#x (no such asset or field)'],
      [new ProjectionOutOfSyncError('a rebuild of the projection was interrupted'), 'ProjectionOutOfSyncError', 'PROJECTION_OUT_OF_SYNC', 'a rebuild of the projection was interrupted'],
      [new Neo4jSchemaError('projection migration 2 is a in Neo4j but b here'), 'Neo4jSchemaError', 'NEO4J_SCHEMA_MISMATCH', 'projection migration 2 is a in Neo4j but b here'],
      [new PostgresCatalogError('cannot read the catalog', '28P01'), 'PostgresCatalogError', 'CATALOG_UNREADABLE', 'cannot read the catalog'],
    ];
    for (const [error, name, code, message] of cases) {
      expect(error).toBeInstanceOf(DctxError);
      const { name: actualName, code: actualCode, message: actualMessage } = error as DctxError;
      expect([actualName, actualCode, actualMessage.startsWith(message)]).toEqual([name, code, true]);
    }
    expect(new PostgresCatalogError('x', '28P01').sqlState).toBe('28P01');
    const expression = thrown(() => parseRuleExpression('amount > ')) as { line: number; column: number; reason: string };
    expect([expression.line, typeof expression.column, typeof expression.reason]).toEqual([1, 'number', 'string']);
  });
});
