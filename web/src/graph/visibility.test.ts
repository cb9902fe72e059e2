import { describe, expect, it } from 'vitest';
import type { GraphEdgeData } from './model.ts';
import { hidesSomething, visibleNodes } from './visibility.ts';

// t -> j1 -> a -> j2 -> b ; t -> j3 -> b (b has a second path)
const edges: GraphEdgeData[] = [
  { from: 't', to: 'j1', kind: 'READS' },
  { from: 'j1', to: 'a', kind: 'WRITES' },
  { from: 'a', to: 'j2', kind: 'READS' },
  { from: 'j2', to: 'b', kind: 'WRITES' },
  { from: 'b', to: 'j4', kind: 'READS' },
  { from: 't', to: 'j3', kind: 'READS' },
  { from: 'j3', to: 'b', kind: 'WRITES' },
];

describe('collapse', () => {
  it('hides what is reached only through the collapsed node, and keeps what another path reaches', () => {
    expect([...visibleNodes(['t'], edges, 'DOWNSTREAM', new Set(['j1']))].sort()).toEqual(['b', 'j1', 'j3', 'j4', 't']);
    expect([...visibleNodes(['t'], edges, 'DOWNSTREAM', new Set(['j1', 'j3']))].sort()).toEqual(['j1', 'j3', 't']);
  });

  it('walks against the edges upstream, and both ways for BOTH', () => {
    expect([...visibleNodes(['b'], edges, 'UPSTREAM', new Set())].sort()).toEqual(['a', 'b', 'j1', 'j2', 'j3', 't']);
    expect([...visibleNodes(['a'], edges, 'BOTH', new Set(['j2']))].sort()).toEqual(['a', 'j1', 'j2', 't']);
  });

  it('offers − only where collapsing hides something', () => {
    expect(hidesSomething('j1', ['t'], edges, 'DOWNSTREAM', new Set())).toBe(true);
    expect(hidesSomething('j4', ['t'], edges, 'DOWNSTREAM', new Set())).toBe(false);
    // b is still reached through j3 when j2 is collapsed, so j2 alone hides nothing.
    expect(hidesSomething('j2', ['t'], edges, 'DOWNSTREAM', new Set())).toBe(false);
  });
});
