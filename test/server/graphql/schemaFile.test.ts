import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { expect, it } from 'vitest';
import { printedSchema } from '../../../server/graphql/schema.js';

const committed = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');

it('schema.graphql is what the code generates (run `npm run schema` after changing the API)', async () => {
  expect(committed).toBe(await printedSchema());
});

it('keeps the public contract of docs/design.md: names of types, enums, root fields and their arguments', () => {
  const schema = buildSchema(committed);
  const node = schema.getType('Node');
  expect(isInterfaceType(node)).toBe(true);
  if (!isInterfaceType(node)) return;
  expect(Object.fromEntries(Object.values(node.getFields()).map((f) => [f.name, String(f.type)]))).toEqual({ id: 'ID!', namespace: 'String!', name: 'String!', kind: 'String!' });
  for (const name of ['Asset', 'Computation']) {
    const type = schema.getType(name);
    expect(isObjectType(type) && type.getInterfaces().map((i) => i.name)).toEqual(['Node']);
  }
  expect(isScalarType(schema.getType('AsOf'))).toBe(true);
  const direction = schema.getType('Direction');
  expect(isEnumType(direction) && direction.getValues().map((v) => v.name).sort()).toEqual(['BOTH', 'DOWNSTREAM', 'UPSTREAM']);
  const mode = schema.getType('ImpactMode');
  expect(isEnumType(mode) && mode.getValues().map((v) => v.name).sort()).toEqual(['CUTOFF', 'DELETE', 'SCHEMA_CHANGE']);

  const query = schema.getQueryType()!.getFields();
  const args = (field: string) => Object.fromEntries(query[field]!.args.map((a) => [a.name, String(a.type)]));
  expect(args('asset')).toMatchObject({ namespace: 'String!', name: 'String!', asOf: 'AsOf' });
  expect(args('computation')).toMatchObject({ namespace: 'String!', name: 'String!', asOf: 'AsOf' });
  expect(args('node')).toMatchObject({ id: 'ID!' });
  // Issue 19: kinds are an enum wherever they are an argument, so a typo is refused rather than matching nothing.
  expect(args('search')).toMatchObject({ query: 'String!', kinds: '[NodeKind!]', first: 'Int', after: 'String' });
  expect(args('lineage')).toMatchObject({ id: 'ID!', direction: 'Direction!', depth: 'Int!', asOf: 'AsOf', fieldLevel: 'Boolean!', kinds: '[NodeKind!]' });
  const kinds = schema.getType('NodeKind');
  expect(isEnumType(kinds) && kinds.getValues().map((v) => v.name)).toEqual(expect.arrayContaining(['TABLE', 'KV_TABLE', 'FEATURE', 'RULE', 'SERVICE', 'FEATURE_PIPELINE', 'RULE_EVALUATION']));
  expect(args('impact')).toMatchObject({ ids: '[ID!]!', mode: 'ImpactMode!', fields: '[FieldRefInput!]', asOf: 'AsOf' });
  expect(args('featuresForRule')).toMatchObject({ id: 'ID!', transitive: 'Boolean!' });
  for (const field of ['costAttribution', 'audit', 'history', 'changes', 'decommissionCandidates']) expect(query[field], field).toBeDefined();

  // The selections docs/design.md names must be valid against the schema.
  const fieldsOf = (type: string) => {
    const t = schema.getType(type);
    return isObjectType(t) ? Object.keys(t.getFields()) : [];
  };
  expect(fieldsOf(String(query.search!.type).replace('!', ''))).toEqual(expect.arrayContaining(['totalCount', 'nodes', 'pageInfo']));
  expect(fieldsOf('PageInfo')).toEqual(expect.arrayContaining(['hasNextPage', 'endCursor']));
  expect(fieldsOf('Lineage')).toEqual(expect.arrayContaining(['nodes', 'edges', 'collapsedEdges', 'truncated']));
  expect(fieldsOf('DecommissionReport')).toEqual(expect.arrayContaining(['candidates', 'totalCount', 'truncated']));
  expect(fieldsOf('LineageEdge')).toEqual(expect.arrayContaining(['from', 'to', 'kind']));
  expect(fieldsOf('ImpactReport')).toEqual(expect.arrayContaining(['broken', 'degraded', 'summary']));
  expect(fieldsOf('ImpactedNode')).toEqual(expect.arrayContaining(['node', 'distance', 'path']));
  expect(fieldsOf('RuleFeatures')).toEqual(expect.arrayContaining(['version', 'direct', 'transitive']));
});
