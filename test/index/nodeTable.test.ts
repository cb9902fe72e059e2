import { describe, expect, it } from 'vitest';
import { NodeTable } from '../../graph-model/index/nodeTable.js';
import { OPEN } from '../../graph-model/index/versions.js';

const version = (fromVersion: number, toVersion: number, kind: string) => ({ fromVersion, toVersion, kind, owners: [], fields: [] });

describe('NodeTable.kindAt', () => {
  it('agrees with versionAt at every version as versions are added out of order and closed', () => {
    const t = new NodeTable();
    const n = t.intern('a1', 'ASSET', 'ns', 'one');
    const agree = () => {
      for (let v = 0; v <= 8; v++) expect(t.kindAt(n, v)).toBe(t.versionAt(n, v)?.kind ?? '');
    };
    agree();
    t.addVersion(n, version(5, OPEN, 'VIEW'));
    agree();
    t.addVersion(n, version(2, 4, 'TABLE'));
    agree();
    expect(t.closeVersion(n, 5, 7)).toBe(true);
    agree();
    t.addVersion(n, version(7, OPEN, 'WIDE_TABLE'));
    agree();
    expect([t.kindAt(n, 1), t.kindAt(n, 3), t.kindAt(n, 4), t.kindAt(n, 6), t.kindAt(n, 8)]).toEqual(['', 'TABLE', '', 'VIEW', 'WIDE_TABLE']);
  });
});
