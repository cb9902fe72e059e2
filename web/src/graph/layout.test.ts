import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLargeWalk, levelColumns, spanningTreeEdges, type LayoutNode } from './layout.ts';

const node = (id: string, level: number): LayoutNode => ({ id, width: 10, height: 10, level });

describe('spanningTreeEdges: what ELK lays out of a large walk', () => {
  it('keeps one edge per node, from a node one hop nearer the start, both ways from it', () => {
    // Upstream u2 -> u1 -> r (levels -2, -1, 0); downstream r -> a -> c, r -> b -> c (1, 1, 2),
    // and a shortcut r -> c that crosses a level.
    const nodes = [node('u2', -2), node('u1', -1), node('r', 0), node('a', 1), node('b', 1), node('c', 2)];
    const edges = ['u2>u1', 'u1>r', 'r>a', 'r>b', 'r>c', 'b>c', 'a>c'].map((pair) => {
      const [source, target] = pair.split('>') as [string, string];
      return { id: source + target, source, target };
    });
    // c keeps the first edge from level 1 the walk gives (b -> c); r -> c crosses a level.
    expect(spanningTreeEdges(nodes, edges).map((e) => e.id)).toEqual(['u2u1', 'u1r', 'ra', 'rb', 'bc']);
  });
});

describe('levelColumns: a large walk drawn while ELK lays it out', () => {
  const walk = fc
    .array(fc.record({ level: fc.integer({ min: -4, max: 4 }), width: fc.integer({ min: 1, max: 200 }), height: fc.integer({ min: 1, max: 60 }) }), { maxLength: 60 })
    .map((specs) => {
      const ranks = new Map<number, number>();
      return specs.map((spec, i): LayoutNode => {
        const rank = ranks.get(spec.level) ?? 0;
        ranks.set(spec.level, rank + 1);
        return { id: `n${i}`, ...spec, rank };
      });
    });

  it('places every node, none over another, each level left of the next, in the walk order within a level', () => {
    fc.assert(
      fc.property(walk, (nodes) => {
        const { positions, sizes } = levelColumns(nodes);
        expect([...positions.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
        const box = (n: LayoutNode) => {
          const p = positions.get(n.id)!;
          expect(sizes.get(n.id)).toEqual({ width: n.width, height: n.height });
          return { x1: p.x - n.width / 2, x2: p.x + n.width / 2, y1: p.y - n.height / 2, y2: p.y + n.height / 2 };
        };
        for (const a of nodes) {
          for (const b of nodes) {
            if (a === b) continue;
            const [p, q] = [box(a), box(b)];
            expect(p.x2 <= q.x1 || q.x2 <= p.x1 || p.y2 <= q.y1 || q.y2 <= p.y1).toBe(true);
            if (a.level! < b.level!) expect(p.x2).toBeLessThanOrEqual(q.x1);
            if (a.level === b.level && a.rank! < b.rank!) expect(p.y2).toBeLessThanOrEqual(q.y1);
          }
        }
      }),
    );
  });

  it('stands in only for what ELK lays out as a large walk: over 1,000 nodes, each with a level, none with fields', () => {
    const many = Array.from({ length: 1001 }, (_, i) => node(`n${i}`, i % 5));
    expect(isLargeWalk(many)).toBe(true);
    expect(isLargeWalk(many.slice(0, 1000))).toBe(false);
    expect(isLargeWalk([...many, { id: 'x', width: 1, height: 1 }])).toBe(false);
    expect(isLargeWalk([...many, { ...node('f', 1), children: [{ id: 'f#a', width: 1, height: 1 }] }])).toBe(false);
  });
});
