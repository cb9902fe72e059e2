/**
 * Every view of the explorer is a URL of `/` with a query string, so a picture pasted into a ticket
 * opens the same picture: which view, which node, direction, depth, field, graph version (asOf),
 * impact mode and roots, grouping. Parameters at their default are left out of the URL.
 */
export const VIEWS = ['search', 'node', 'lineage', 'impact', 'cost', 'audit', 'rule', 'alerts'] as const;
export type View = (typeof VIEWS)[number];
export const DIRECTIONS = ['DOWNSTREAM', 'UPSTREAM', 'BOTH'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const MODES = ['DELETE', 'CUTOFF', 'SCHEMA_CHANGE'] as const;
export type ImpactMode = (typeof MODES)[number];
export const GROUPINGS = ['auto', 'none', 'level', 'namespace', 'kind'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const LEVELS = ['asset', 'field'] as const;
export type Level = (typeof LEVELS)[number];

export const MIN_DEPTH = 1;
export const MAX_DEPTH = 20;

/** An impact root: a node, or one field of an asset (SCHEMA_CHANGE). */
export interface Target {
  id: string;
  field?: string;
}

export interface ViewState {
  view: View;
  /** The search box's text. */
  q: string;
  /** The node the view is about (node page, lineage, rule). */
  node: string | null;
  dir: Direction;
  depth: number;
  level: Level;
  /** The field whose path is highlighted (field level), or shown on the node page. */
  field: string | null;
  /** A graph version; null is the latest. */
  asOf: number | null;
  mode: ImpactMode;
  targets: Target[];
  group: Grouping;
  /** Lineage size asked for (maxNodes); null: the explorer's first size. "Load more" raises it. */
  max: number | null;
}

export const DEFAULT_STATE: ViewState = Object.freeze({
  view: 'search',
  q: '',
  node: null,
  dir: 'DOWNSTREAM',
  depth: 3,
  level: 'asset',
  field: null,
  asOf: null,
  mode: 'DELETE',
  targets: [],
  group: 'auto',
  max: null,
}) as ViewState;

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  const upper = value ?? '';
  return (values as readonly string[]).includes(upper) ? (upper as T) : fallback;
}

function integer(value: string | null): number | null {
  if (value === null || !/^\d{1,9}$/.test(value)) return null;
  return Number(value);
}

/** `id` or `id#field`, comma-separated; ids are opaque but never hold a comma or '#'. */
function parseTargets(value: string | null): Target[] {
  if (!value) return [];
  return value
    .split(',')
    .filter((part) => part.length > 0)
    .map((part) => {
      const hash = part.indexOf('#');
      return hash < 0 ? { id: part } : { id: part.slice(0, hash), field: part.slice(hash + 1) };
    })
    .filter((target) => target.id.length > 0);
}

function formatTargets(targets: Target[]): string {
  return targets.map((target) => (target.field === undefined ? target.id : `${target.id}#${target.field}`)).join(',');
}

/** The state a query string says; anything missing or unreadable takes its default. */
export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const depth = integer(params.get('depth'));
  return {
    view: oneOf(VIEWS, params.get('view'), DEFAULT_STATE.view),
    q: params.get('q') ?? '',
    node: params.get('node') || null,
    dir: oneOf(DIRECTIONS, params.get('dir')?.toUpperCase() ?? null, DEFAULT_STATE.dir),
    depth: depth === null ? DEFAULT_STATE.depth : Math.min(MAX_DEPTH, Math.max(MIN_DEPTH, depth)),
    level: oneOf(LEVELS, params.get('level'), DEFAULT_STATE.level),
    field: params.get('field') || null,
    asOf: integer(params.get('asOf')),
    mode: oneOf(MODES, params.get('mode')?.toUpperCase() ?? null, DEFAULT_STATE.mode),
    targets: parseTargets(params.get('targets')),
    group: oneOf(GROUPINGS, params.get('group'), DEFAULT_STATE.group),
    max: integer(params.get('max')) || null,
  };
}

/** The query string of a state (with its '?', or '' for the default state), in a stable order. */
export function formatState(state: ViewState): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | null, fallback: string | number | null) => {
    if (value !== null && value !== fallback && value !== '') params.set(key, String(value));
  };
  put('view', state.view, DEFAULT_STATE.view);
  put('q', state.q, DEFAULT_STATE.q);
  put('node', state.node, null);
  put('dir', state.dir, DEFAULT_STATE.dir);
  put('depth', state.depth, DEFAULT_STATE.depth);
  put('level', state.level, DEFAULT_STATE.level);
  put('field', state.field, null);
  put('asOf', state.asOf, null);
  put('mode', state.mode, DEFAULT_STATE.mode);
  put('targets', formatTargets(state.targets), '');
  put('group', state.group, DEFAULT_STATE.group);
  put('max', state.max, null);
  const text = params.toString();
  return text ? `?${text}` : '';
}
