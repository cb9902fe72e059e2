import { useEffect, useRef, useState } from 'preact/hooks';
import { graphql } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { navigate } from '../state/navigation.ts';
import type { ViewState } from '../state/urlState.ts';
import { ErrorBox } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';

const SearchQuery = graphql(`
  query Search($query: String!, $kinds: [NodeKind!], $tags: [String!], $owner: String, $asOf: AsOf, $first: Int!) {
    search(query: $query, kinds: $kinds, tags: $tags, owner: $owner, first: $first, asOf: $asOf) {
      totalCount
      nodes {
        __typename
        id
        namespace
        name
        kind
      }
    }
  }
`);

/** The kinds the schema's NodeKind enum has (gql.tada types them from schema.graphql). */
type NodeKindName = ReturnType<typeof graphql.scalar<'NodeKind'>>;

/** Results asked for at first, and added by each "show more". */
export const SEARCH_PAGE = 30;
/** The server's default page size cap (DCTX_MAX_PAGE_SIZE, docs/api.md). */
const MAX_RESULTS = 500;

const KINDS = ['TABLE', 'VIEW', 'STREAM', 'KV_TABLE', 'FEATURE', 'MODEL', 'RULE', 'SERVICE', 'EVENT', 'BATCH_JOB', 'STREAM_JOB', 'QUERY', 'FEATURE_PIPELINE', 'TRAINING', 'INFERENCE', 'RULE_EVALUATION'];

/**
 * Free text, plus `kind:RULE`, `tag:pii=phone` and `owner:team` words (also set by the filters
 * beside the box). Split here so the box alone can say everything a URL says.
 */
export function parseSearch(text: string): { query: string; kinds: string[]; tags: string[]; owner: string | null } {
  const words: string[] = [];
  const kinds: string[] = [];
  const tags: string[] = [];
  let owner: string | null = null;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const match = /^(kind|tag|owner):(.+)$/i.exec(word);
    if (!match) words.push(word);
    else if (match[1]!.toLowerCase() === 'kind') kinds.push(match[2]!.toUpperCase());
    else if (match[1]!.toLowerCase() === 'tag') tags.push(match[2]!);
    else owner = match[2]!;
  }
  return { query: words.join(' '), kinds, tags, owner };
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function SearchView({ state }: { state: ViewState }) {
  const [text, setText] = useState(state.q);
  const [active, setActive] = useState(0);
  const [limit, setLimit] = useState(SEARCH_PAGE);
  const input = useRef<HTMLInputElement>(null);
  const debounced = useDebounced(text, 120);
  const parsed = parseSearch(debounced);
  const result = useQuery(SearchQuery, {
    query: parsed.query,
    // A kind the server does not know is refused by it (NodeKind is an enum) and shown as the error.
    kinds: parsed.kinds.length ? (parsed.kinds as NodeKindName[]) : null,
    tags: parsed.tags.length ? parsed.tags : null,
    owner: parsed.owner,
    asOf: state.asOf,
    first: limit,
  });
  useEffect(() => {
    if (debounced !== state.q) navigate({ q: debounced }, { replace: true });
    setActive(0);
    setLimit(SEARCH_PAGE);
  }, [debounced]);
  useEffect(() => input.current?.focus(), []);
  const nodes = result.data?.search.nodes ?? [];
  const total = result.data?.search.totalCount ?? 0;
  // The keyboard's choice stays in sight when the arrow keys move it past the visible rows.
  useEffect(() => document.getElementById(`result-${active}`)?.scrollIntoView({ block: 'nearest' }), [active]);
  const open = (id: string) => navigate({ view: 'node', node: id, field: null });
  const kindWord = parsed.kinds[0] ?? '';

  return (
    <section class="search" aria-labelledby="search-title">
      <h1 id="search-title">Search the catalog</h1>
      <div class="search-bar" role="search">
        <label for="search-input" class="visually-hidden">
          Search by name, kind:, tag: or owner:
        </label>
        <input
          id="search-input"
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={nodes.length > 0}
          aria-controls="search-results"
          aria-activedescendant={nodes[active] ? `result-${active}` : undefined}
          aria-autocomplete="list"
          placeholder="name, kind:RULE, tag:pii=phone, owner:risk-team"
          value={text}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((i) => Math.min(nodes.length - 1, i + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (e.key === 'Enter' && nodes[active]) {
              e.preventDefault();
              open(nodes[active]!.id);
            }
          }}
        />
        <label>
          Kind{' '}
          <select
            value={kindWord}
            onChange={(e) => {
              const kind = (e.target as HTMLSelectElement).value;
              const rest = text.replace(/\bkind:\S+\s*/gi, '').trim();
              setText(kind ? `${rest} kind:${kind}`.trim() : rest);
            }}
          >
            <option value="">any</option>
            {KINDS.map((kind) => (
              <option value={kind}>{kind}</option>
            ))}
          </select>
        </label>
      </div>
      {result.error && <ErrorBox error={result.error} />}
      <p class="result-count" role="status" aria-live="polite">
        {result.data ? `${total} nodes${nodes.length < total ? `, the first ${nodes.length} shown` : ''}` : result.loading ? 'Searching…' : ''}
      </p>
      <ul id="search-results" role="listbox" aria-label="Search results" class="results">
        {nodes.map((node, i) => (
          <li id={`result-${i}`} role="option" aria-selected={i === active} class={i === active ? 'active' : ''} data-id={node.id} onMouseEnter={() => setActive(i)} onClick={() => open(node.id)}>
            <KindIcon kind={node.kind} computation={node.__typename === 'Computation'} />
            <span class="name">{node.name}</span>
            <span class="namespace">{node.namespace}</span>
            <span class="kind">{node.kind}</span>
          </li>
        ))}
      </ul>
      {nodes.length < total && (
        // Nothing is cut silently: the count above says how many match, and the rest is one click away.
        <button type="button" class="more-results" disabled={limit >= MAX_RESULTS} onClick={() => setLimit((n) => Math.min(MAX_RESULTS, n + SEARCH_PAGE * 3))}>
          {limit >= MAX_RESULTS ? `Showing the first ${MAX_RESULTS}: narrow the search for the rest` : `Show ${Math.min(total - nodes.length, SEARCH_PAGE * 3, MAX_RESULTS - nodes.length)} more`}
        </button>
      )}
    </section>
  );
}
