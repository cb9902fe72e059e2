import { describe, expect, it } from 'vitest';
import { lineageBackendFromEnv, Neo4jConfigError } from '../../graph-model/neo4j/neo4jConfig.js';

describe('DCTX_LINEAGE_BACKEND', () => {
  it('is the index unless neo4j is asked for', () => {
    expect(lineageBackendFromEnv({})).toBe('index');
    expect(lineageBackendFromEnv({ DCTX_LINEAGE_BACKEND: ' index ' })).toBe('index');
    expect(lineageBackendFromEnv({ DCTX_LINEAGE_BACKEND: 'neo4j', NEO4J_URL: 'bolt://localhost:7687' })).toBe('neo4j');
  });

  it('refuses an unknown backend, and neo4j without a projection to read', () => {
    expect(() => lineageBackendFromEnv({ DCTX_LINEAGE_BACKEND: 'cypher' })).toThrow(new Neo4jConfigError('DCTX_LINEAGE_BACKEND must be index or neo4j, got "cypher"'));
    expect(() => lineageBackendFromEnv({ DCTX_LINEAGE_BACKEND: 'neo4j' })).toThrow(/needs NEO4J_URL/);
  });
});
