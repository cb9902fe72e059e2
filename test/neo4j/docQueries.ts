import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The example Cypher of docs/neo4j.md by its bold title, so the tests run exactly what the page shows. */
export function docQueries(): Map<string, string> {
  const text = readFileSync(fileURLToPath(new URL('../../docs/neo4j.md', import.meta.url)), 'utf8');
  const queries = new Map<string, string>();
  for (const match of text.matchAll(/^\*\*([^*\n]+)\*\*[^\n]*\n\n```cypher\n([\s\S]*?)```/gm)) queries.set(match[1]!, match[2]!);
  return queries;
}
