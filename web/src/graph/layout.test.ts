import { describe, expect, it } from 'vitest';
import { spanningTreeEdges, type LayoutNode } from './layout.ts';

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
