import { describe, expect, it } from 'vitest';
import { parseSearch } from './searchView.tsx';

describe('parseSearch', () => {
  it('splits kind:, tag: and owner: words from the free text, in any order and case', () => {
    expect(parseSearch('burst  Kind:rule owner:team-fraud-rules tag:pii=phone velocity tag:layer')).toEqual({
      query: 'burst velocity',
      kinds: ['RULE'],
      tags: ['pii=phone', 'layer'],
      owner: 'team-fraud-rules',
    });
  });

  it('keeps a word with an unknown prefix or an empty value as text', () => {
    expect(parseSearch('ns:risk kind: card')).toEqual({ query: 'ns:risk kind: card', kinds: [], tags: [], owner: null });
  });

  it('reads an empty box as "everything"', () => {
    expect(parseSearch('   ')).toEqual({ query: '', kinds: [], tags: [], owner: null });
  });
});
