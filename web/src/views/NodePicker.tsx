import { useEffect, useState } from 'preact/hooks';
import { graphql } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { KindIcon } from '../ui/kindIcon.tsx';

const PickQuery = graphql(`
  query PickNode($query: String!, $asOf: AsOf) {
    search(query: $query, first: 8, asOf: $asOf) {
      nodes {
        __typename
        id
        name
        namespace
        kind
      }
    }
  }
`);

/** A small search-as-you-type box that picks one node (impact roots). */
export function NodePicker({ label, asOf, onPick }: { label: string; asOf: number | null; onPick(id: string): void }) {
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(text), 120);
    return () => clearTimeout(timer);
  }, [text]);
  const { data } = useQuery(PickQuery, { query: debounced, asOf }, { skip: debounced.trim().length < 2 });
  return (
    <div class="node-picker">
      <label>
        {label} <input type="search" name="pick" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="name…" />
      </label>
      {data && debounced.trim().length >= 2 && (
        <ul class="pick-results" aria-label="Matching nodes">
          {data.search.nodes.map((n) => (
            <li>
              <button
                type="button"
                data-id={n.id}
                onClick={() => {
                  onPick(n.id);
                  setText('');
                  setDebounced('');
                }}
              >
                <KindIcon kind={n.kind} computation={n.__typename === 'Computation'} /> {n.name} <span class="namespace">{n.namespace}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
