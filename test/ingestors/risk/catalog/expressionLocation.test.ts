import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CatalogFile } from '../../../../ingestors/risk/catalog/catalogFile.js';
import { expressionLocation } from '../../../../ingestors/risk/catalog/expressionLocation.js';
import { tryParseRuleExpression } from '../../../../ingestors/risk/expression/index.js';

function catalogFile(text: string): CatalogFile {
  const lineCounter = new LineCounter();
  return { path: 'r.yaml', text, document: parseDocument(text, { lineCounter }), lineCounter };
}

/** Where the syntax error of the expression at rules[0].expression is reported. */
function errorLocation(text: string): { location: string; exact: boolean } {
  const file = catalogFile(text);
  const parsed = tryParseRuleExpression(String(file.document.getIn(['rules', 0, 'expression'])));
  if (parsed.ok) throw new Error('expected a syntax error');
  return expressionLocation(file, ['rules', 0, 'expression'], parsed.error);
}

describe('risk catalog: locating a position of an expression in its YAML file', () => {
  it('maps literal block lines one to one, leading blank lines and chomping indicators included', () => {
    expect(errorLocation('rules:\n  - expression: |-\n\n      a > 1\n        and b >> 2\n')).toEqual({ location: 'r.yaml:5:16', exact: true });
    expect(errorLocation('rules:\n  - expression: | # comment\n      a #\n')).toEqual({ location: 'r.yaml:3:9', exact: true });
  });

  it('maps one-line plain, single- and double-quoted scalars by column', () => {
    expect(errorLocation('rules:\n  - expression: a ^ b\n')).toEqual({ location: 'r.yaml:2:19', exact: true });
    expect(errorLocation("rules:\n  - expression: 'a & b'\n")).toEqual({ location: 'r.yaml:2:20', exact: true });
    expect(errorLocation('rules:\n  - expression: "a & b"\n')).toEqual({ location: 'r.yaml:2:20', exact: true });
  });

  it('falls back to the start of folded and multi-line flow scalars, whose line breaks YAML rewrites', () => {
    expect(errorLocation('rules:\n  - expression: >\n      a > 1\n      and b >> 2\n')).toEqual({ location: 'r.yaml:2:17', exact: false });
    expect(errorLocation('rules:\n  - expression: a > 1\n      and b >> 2\n')).toEqual({ location: 'r.yaml:2:17', exact: false });
  });
});
