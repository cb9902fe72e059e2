import { useEffect, useMemo, useState, useLayoutEffect } from 'preact/hooks';
import { query, ApiError } from '../api/client.ts';
import { useQuery } from '../api/useQuery.ts';
import { fieldKey, fieldPath, type FieldEdgeData } from '../graph/fieldPath.ts';
import { GraphCanvas, loadRenderer } from '../graph/GraphCanvas.tsx';
import { LARGE_PICTURE, LARGE_WALK_NODES, warmUpLayout } from '../graph/layout.ts';
import { groupGraph } from '../graph/grouping.ts';
import { adjacencyOfGraph, edgeKey, emptyGraph, levelsFrom, mergeLineage, type GraphEdgeData, type LineageGraph } from '../graph/model.ts';
import type { DrawnField, DrawnFieldEdge, Picture } from '../graph/renderer.ts';
import { hidesSomething, visibleNodes } from '../graph/visibility.ts';
import { hrefOf, navigate } from '../state/navigation.ts';
import { DIRECTIONS, GROUPINGS, MAX_DEPTH, type Direction, type ViewState } from '../state/urlState.ts';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { TimeSlider } from '../ui/TimeSlider.tsx';
import { LineageIdsQuery, LineageQuery, lineageVariables, mayBeLargeWalk, NodeHeaderQuery, SERVER_MAX_NODES, type LineageAnswer } from './lineageData.ts';

/** `assetId#field`, or a field of the view's node when the URL names the field alone. */
export function pickedField(state: ViewState): { id: string; field: string } | null {
  if (!state.field || !state.node) return null;
  const hash = state.field.indexOf('#');
  return hash < 0 ? { id: state.node, field: state.field } : { id: state.field.slice(0, hash), field: state.field.slice(hash + 1) };
}

const fieldNodeId = (ref: { id: string; field: string }) => `field:${fieldKey(ref)}`;

function edgeLabel(edge: FieldEdgeData): string {
  const kind = edge.subtype ? `${edge.transformationType}/${edge.subtype}` : edge.transformationType;
  return edge.masking ? `${kind} · masked` : kind;
}

interface Props {
  state: ViewState;
  /** The rule view draws the same graph with its own title and without the controls' header. */
  embedded?: boolean;
}

/**
 * The lineage graph of a node: the bipartite graph (assets as boxes, computations as ellipses,
 * READS dashed, WRITES solid), up, down or both, to a depth; + and − on any node; field level with
 * a field's whole path highlighted; as of any graph version, with what was removed since marked.
 */
export function LineageView({ state, embedded }: Props) {
  const root = state.node!;
  const variables = lineageVariables(state);
  const maxNodes = variables.maxNodes;
  // The renderer's chunk loads, and the layout worker starts (ELK's script fetched and compiled), while the lineage is fetched.
  // A layout effect declared before the queries': the worker's script is asked for before them. Asked
  // for after them (a plain effect, after the paint), the server sent it after its answers, and a
  // 500-node lineage, which waits for ELK, waited for the worker (ELK 0.9 -> 1.2-1.4 s, bench).
  // A walk that may be large waits for its answer (mayBeLargeWalk).
  const mayBeLarge = mayBeLargeWalk(state);
  useLayoutEffect(() => {
    if (!mayBeLarge) warmUpLayout();
    void loadRenderer();
  }, []);
  const base = useQuery(LineageQuery, variables, { onData: mayBeLarge ? (data) => data.lineage.nodes.length <= LARGE_WALK_NODES && warmUpLayout() : undefined });
  const latest = useQuery(LineageIdsQuery, { id: root, direction: state.dir, depth: state.depth, maxNodes }, { skip: state.asOf === null });
  const picked = pickedField(state);
  const path = useQuery(LineageQuery, { id: picked?.id ?? root, direction: 'BOTH', depth: MAX_DEPTH, asOf: state.asOf, fieldLevel: true, fields: picked ? [picked.field] : null, maxNodes: SERVER_MAX_NODES }, { skip: !picked });
  const header = useQuery(NodeHeaderQuery, { id: root, asOf: state.asOf });

  const baseKey = JSON.stringify(variables);
  const [expansions, setExpansions] = useState<LineageAnswer[]>([]);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [openGroups, setOpenGroups] = useState<Set<string>>(new Set());
  const [shownFields, setShownFields] = useState<Map<string, string[]>>(new Map());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [expandError, setExpandError] = useState<Error | null>(null);
  useEffect(() => {
    setExpansions([]);
    setExpanded(new Set());
    setCollapsed(new Set());
    setOpenGroups(new Set());
    setShownFields(new Map());
    setAnchor(null);
    setSelected(null);
  }, [baseKey]);

  const answer = base.data?.lineage ?? null;
  // For the UI benchmark (bench/explorerBench.ts): when the lineage answer arrived (a layout
  // effect: it runs before the graph canvas's effect starts drawing, which plain effects do not).
  useLayoutEffect(() => {
    if (answer) performance.mark('lineage-answer');
  }, [answer]);
  const graph: LineageGraph = useMemo(() => {
    let g = emptyGraph();
    if (!answer) return g;
    const started = performance.now();
    g = mergeLineage(g, answer);
    for (const more of expansions) g = mergeLineage(g, more);
    if (path.data) g = mergeLineage(g, path.data.lineage);
    performance.measure('lineage-graph', { start: started });
    return g;
  }, [answer, expansions, path.data]);

  const onPath = useMemo(() => (picked && path.data ? fieldPath(picked, path.data.lineage.fieldEdges ?? []) : null), [path.data, state.field]);

  // Time travel: what this version has that the latest no longer has, and what the latest has that
  // this version had not (drawn as ghosts); both marked on the graph.
  const sinceLatest = useMemo(() => {
    if (state.asOf === null || !answer) return null;
    if (latest.error instanceof ApiError && latest.error.code === 'NOT_FOUND') return { removed: new Set(graph.nodes.keys()), removedEdges: new Set(graph.edges.keys()), added: [] as LineageAnswer['nodes'][number][], addedEdges: [] as GraphEdgeData[] };
    if (!latest.data) return null;
    const now = new Set(latest.data.lineage.nodes.map((n) => n.id));
    const nowEdges = new Set(latest.data.lineage.edges.map(edgeKey));
    const removed = new Set([...graph.nodes.keys()].filter((id) => !now.has(id)));
    const removedEdges = new Set([...graph.edges.keys()].filter((key) => !nowEdges.has(key)));
    const added = latest.data.lineage.nodes.filter((n) => !graph.nodes.has(n.id));
    const addedEdges = latest.data.lineage.edges.filter((e) => !graph.edges.has(edgeKey(e)));
    return { removed, removedEdges, added, addedEdges };
  }, [latest.data, latest.error, graph, state.asOf]);
  // As of a past version the picture waits for the latest walk, so that ghosts are laid out with the rest.
  const waitingForLatest = state.asOf !== null && latest.loading;
  const drawnGraph: LineageGraph = useMemo(() => (sinceLatest && sinceLatest.added.length + sinceLatest.addedEdges.length > 0 ? mergeLineage(graph, { nodes: sinceLatest.added, edges: sinceLatest.addedEdges }) : graph), [graph, sinceLatest]);

  const picture = useMemo((): { picture: Picture; levels: Map<string, number>; visible: Set<string>; grouped: number } | null => {
    if (!answer || waitingForLatest) return null;
    const started = performance.now();
    const edges = [...drawnGraph.edges.values()];
    const adjacency = adjacencyOfGraph(drawnGraph);
    const visible = visibleNodes([root], adjacency, state.dir, collapsed);
    // Nodes a field's path brought in are drawn even where the walk in this direction does not reach them.
    if (onPath) for (const key of onPath.fields) visible.add(key.slice(0, key.indexOf('#')));
    if (onPath) for (const id of onPath.computations) visible.add(id);
    const levels = levelsFrom([root], adjacency, visible);
    const nodes = [...drawnGraph.nodes.values()].filter((n) => visible.has(n.id));
    const shownEdges = edges.filter((e) => visible.has(e.from) && visible.has(e.to));
    const display = groupGraph(nodes, shownEdges, levels, state.group, { roots: [root], expanded: openGroups });
    const drawn = new Set(display.nodes.map((n) => n.id));

    // Fields: those on a picked field's path, those a field-level walk reached, and those the user opened on an asset.
    const fields = new Map<string, DrawnField>();
    const addField = (ref: { id: string; field: string }) => {
      if (!ref.field || !drawn.has(ref.id)) return;
      const id = fieldNodeId(ref);
      if (!fields.has(id)) fields.set(id, { id, parent: ref.id, label: ref.field });
    };
    const fieldEdges: FieldEdgeData[] = onPath ? onPath.edges : state.level === 'field' ? [...(answer.fieldEdges ?? [])] : [];
    if (onPath) for (const key of onPath.fields) addField({ id: key.slice(0, key.indexOf('#')), field: key.slice(key.indexOf('#') + 1) });
    if (state.level === 'field' && !onPath) for (const f of answer.fields ?? []) addField(f);
    for (const [asset, names] of shownFields) for (const field of names) addField({ id: asset, field });
    for (const edge of fieldEdges) {
      addField(edge.input);
      addField(edge.output);
    }
    const drawnFieldEdges: DrawnFieldEdge[] = [];
    const seen = new Set<string>();
    for (const edge of fieldEdges) {
      const source = fieldNodeId(edge.input);
      const target = fieldNodeId(edge.output);
      const id = `fe:${source}>${target}`;
      if (!fields.has(source) || !fields.has(target) || seen.has(id)) continue;
      seen.add(id);
      drawnFieldEdges.push({ id, source, target, label: edgeLabel(edge), masking: edge.masking });
    }
    // For the benchmark: visibility, levels and grouping of the answer (bench/explorerBench.ts).
    performance.measure('lineage-picture', { start: started });
    return { picture: { graph: display, fields: [...fields.values()], fieldEdges: drawnFieldEdges }, levels, visible, grouped: display.grouped };
  }, [drawnGraph, waitingForLatest, collapsed, openGroups, shownFields, state.group, state.level, onPath]);

  const classes = useMemo(() => {
    const map = new Map<string, string[]>();
    const add = (id: string, name: string) => (map.get(id) ?? map.set(id, []).get(id)!).push(name);
    add(root, 'root');
    if (!picture) return map;
    for (const node of picture.picture.graph.nodes) {
      if (!node.members && !expanded.has(node.id) && Math.abs(picture.levels.get(node.id) ?? 0) >= state.depth && answer?.moreBeyondDepth) add(node.id, 'expandable');
    }
    for (const field of picture.picture.fields ?? []) add(field.parent, 'has-fields');
    if (sinceLatest) {
      for (const id of sinceLatest.removed) add(id, 'removed-since');
      for (const node of sinceLatest.added) add(node.id, 'added-since');
      const addedEdges = new Set(sinceLatest.addedEdges.map(edgeKey));
      for (const edge of picture.picture.graph.edges) {
        if (sinceLatest.removedEdges.has(edge.id)) add(edge.id, 'removed-since');
        else if (addedEdges.has(edge.id)) add(edge.id, 'added-since');
      }
    }
    if (onPath) {
      for (const key of onPath.fields) {
        add(`field:${key}`, 'highlight');
        add(key.slice(0, key.indexOf('#')), 'highlight');
      }
      for (const id of onPath.computations) add(id, 'highlight');
      for (const edge of picture.picture.fieldEdges ?? []) add(edge.id, 'highlight');
      for (const edge of picture.picture.graph.edges) {
        const ends = [edge.source, edge.target];
        if (ends.every((id) => map.get(id)?.includes('highlight'))) add(edge.id, 'highlight');
      }
    }
    return map;
  }, [picture, sinceLatest, onPath, expanded, state.depth]);

  const layoutKey = `${baseKey}|${state.group}|${state.field ?? ''}|${path.data ? 'path' : ''}`;

  const expand = async (id: string) => {
    if (collapsed.has(id)) {
      setCollapsed((c) => new Set([...c].filter((x) => x !== id)));
      setAnchor(id);
      return;
    }
    const level = picture?.levels.get(id) ?? 0;
    const direction: Direction = state.dir === 'BOTH' ? (level < 0 ? 'UPSTREAM' : 'DOWNSTREAM') : state.dir;
    try {
      setExpandError(null);
      const more = await query(LineageQuery, { id, direction, depth: 2, asOf: state.asOf, fieldLevel: state.level === 'field', fields: null, maxNodes });
      setExpanded((e) => new Set([...e, id]));
      setAnchor(id);
      setExpansions((list) => [...list, more.lineage]);
    } catch (error) {
      setExpandError(error as Error);
    }
  };
  const collapse = (id: string) => {
    setAnchor(null);
    setCollapsed((c) => new Set([...c, id]));
  };
  const showFields = async (id: string) => {
    const answer = await query(NodeHeaderQuery, { id, asOf: state.asOf });
    const node = answer.node;
    if (node?.__typename !== 'Asset') return;
    setAnchor(id);
    setShownFields((m) => new Map(m).set(id, node.fields.map((f) => f.name)));
  };
  const onSelect = (id: string | null) => {
    if (id?.startsWith('field:')) {
      const key = id.slice('field:'.length);
      navigate({ field: key.startsWith(`${root}#`) ? key.slice(root.length + 1) : key });
      return;
    }
    setSelected(id);
  };

  const node = header.data?.node;
  const selectedNode = selected ? drawnGraph.nodes.get(selected) : undefined;
  const selectedGroup = selected?.startsWith('group:') ? picture?.picture.graph.nodes.find((n) => n.id === selected) : undefined;

  return (
    <section class="lineage" aria-labelledby="lineage-title">
      {!embedded && (
        <header class="view-header">
          <h1 id="lineage-title">
            Lineage of {node ? <KindIcon kind={node.kind} computation={node.__typename === 'Computation'} /> : null} <span class="node-name">{node?.name ?? root}</span>
            {node && <span class="namespace"> {node.namespace}</span>}
          </h1>
          <nav class="crumbs" aria-label="This node">
            <a href={hrefOf({ view: 'node', node: root, asOf: state.asOf })}>Node page</a>
            <a href={hrefOf({ view: 'impact', targets: [{ id: root }], asOf: state.asOf })}>Impact of deleting it</a>
          </nav>
        </header>
      )}
      {embedded && <h2 id="lineage-title">Upstream graph</h2>}
      <TimeSlider asOf={state.asOf} />
      <form class="controls" aria-label="Lineage controls" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Direction</legend>
          {DIRECTIONS.map((dir) => (
            <label>
              <input type="radio" name="dir" value={dir} checked={state.dir === dir} onChange={() => navigate({ dir })} /> {dir === 'DOWNSTREAM' ? 'down' : dir === 'UPSTREAM' ? 'up' : 'both'}
            </label>
          ))}
        </fieldset>
        <label>
          Depth{' '}
          <input type="number" name="depth" min={1} max={MAX_DEPTH} value={state.depth} onChange={(e) => navigate({ depth: Math.max(1, Math.min(MAX_DEPTH, Number((e.target as HTMLInputElement).value) || 1)) })} />
        </label>
        <fieldset>
          <legend>Level</legend>
          <label>
            <input type="radio" name="level" value="asset" checked={state.level === 'asset'} onChange={() => navigate({ level: 'asset', field: null })} /> assets
          </label>
          <label>
            <input type="radio" name="level" value="field" checked={state.level === 'field'} onChange={() => navigate({ level: 'field' })} /> fields
          </label>
        </fieldset>
        <label>
          Group{' '}
          <select name="group" value={state.group} onChange={(e) => navigate({ group: (e.target as HTMLSelectElement).value as ViewState['group'] })}>
            {GROUPINGS.map((g) => (
              <option value={g}>{g === 'auto' ? 'auto (past 1,500 nodes)' : g === 'none' ? 'none' : `by ${g}`}</option>
            ))}
          </select>
        </label>
        {state.field && (
          <button type="button" onClick={() => navigate({ field: null })}>
            Clear field {state.field}
          </button>
        )}
      </form>
      {base.error && <ErrorBox error={base.error} />}
      {expandError && <ErrorBox error={expandError} />}
      {!answer && base.loading && <Loading what="lineage" />}
      {answer && (
        <div class="notices" role="status" aria-live="polite">
          <p class="lineage-summary">
            Version {answer.version}: <strong data-testid="node-count">{answer.nodes.length.toLocaleString('en-US')}</strong> nodes, {answer.edges.length.toLocaleString('en-US')} edges
            {picture && graph.nodes.size !== answer.nodes.length ? ` (${graph.nodes.size.toLocaleString('en-US')} with expansions, ${picture.visible.size.toLocaleString('en-US')} shown)` : ''}
            {picture && picture.grouped > 0 ? `; ${picture.grouped.toLocaleString('en-US')} of them gathered in groups (open a group to see its nodes)` : ''}.
          </p>
          {answer.truncated && (
            <p class="truncated warning" data-reason={answer.truncatedReason ?? ''}>
              Truncated ({answer.truncatedReason}): the lineage goes on past {answer.nodes.length.toLocaleString('en-US')} nodes; this is not all of it.{' '}
              {answer.truncatedReason === 'MAX_NODES' && maxNodes < SERVER_MAX_NODES ? (
                <button type="button" onClick={() => navigate({ max: Math.min(SERVER_MAX_NODES, maxNodes * 2.5) })}>
                  Load more (up to {Math.min(SERVER_MAX_NODES, maxNodes * 2.5).toLocaleString('en-US')} nodes)
                </button>
              ) : (
                'This is the most the server gives at once: lower the depth or start from a node further down.'
              )}
            </p>
          )}
          {!answer.truncated && answer.moreBeyondDepth && (
            <p class="beyond-depth">
              The graph goes on beyond depth {state.depth}: nodes at the edge show a thick border; expand them (+), or{' '}
              <button type="button" onClick={() => navigate({ depth: Math.min(MAX_DEPTH, state.depth + 2) })} disabled={state.depth >= MAX_DEPTH}>
                go 2 hops deeper
              </button>
            </p>
          )}
          {sinceLatest && (
            <p class="since-latest" data-removed={sinceLatest.removed.size} data-added={sinceLatest.added.length}>
              Since version {state.asOf}: {sinceLatest.removed.size} of these nodes were removed (dashed red)
              {sinceLatest.removed.size > 0 && `: ${[...sinceLatest.removed].slice(0, 6).map((id) => graph.nodes.get(id)?.name ?? id).join(', ')}${sinceLatest.removed.size > 6 ? '…' : ''}`}; {sinceLatest.added.length} nodes were added (drawn faint, outlined green: not in this version)
              {sinceLatest.added.length > 0 && `: ${sinceLatest.added.slice(0, 6).map((n) => n.name).join(', ')}${sinceLatest.added.length > 6 ? '…' : ''}`}.
            </p>
          )}
          {onPath && picked && (
            <p class="field-path" data-fields={onPath.fields.size} data-edges={onPath.edges.length}>
              Field <strong>{picked.field}</strong>: its path crosses {onPath.edges.length} field edges, {onPath.fields.size} fields, {onPath.computations.size} computations
              {onPath.edges.some((e) => e.masking) ? ', masked on the way' : ''}.
            </p>
          )}
        </div>
      )}
      <div class="graph-and-panel">
        {(picture || (mayBeLarge && base.loading)) && (
          <GraphCanvas
            picture={picture?.picture ?? null}
            expectLarge={mayBeLarge ? maxNodes > LARGE_PICTURE : undefined}
            layoutKey={layoutKey}
            anchor={anchor}
            classes={classes}
            dimOthers={onPath !== null}
            label={picture ? `Lineage graph of ${node?.name ?? root}: ${picture.picture.graph.nodes.length} nodes drawn` : `Lineage graph of ${node?.name ?? root}: loading`}
            onSelect={onSelect}
            onToggle={(id) => (collapsed.has(id) || !expanded.has(id) ? expand(id) : collapse(id))}
            onInteractive={() => performance.mark('graph-interactive')}
            onDrawn={(timings) => {
              performance.mark('graph-ready');
              window.dctxTimings = timings;
            }}
          />
        )}
        <aside class="panel" aria-label="Selected node">
          {selectedNode && (
            <div class="selected" data-id={selectedNode.id}>
              <h2>
                <KindIcon kind={selectedNode.kind} computation={selectedNode.computation} /> {selectedNode.name}
              </h2>
              <p class="namespace">
                {selectedNode.namespace} · {selectedNode.kind} · {Math.abs(picture?.levels.get(selectedNode.id) ?? 0)} hops {(picture?.levels.get(selectedNode.id) ?? 0) < 0 ? 'up' : 'down'}
              </p>
              {sinceLatest?.removed.has(selectedNode.id) && <p class="warning">Removed since version {state.asOf}.</p>}
              {sinceLatest?.added.some((n) => n.id === selectedNode.id) && <p class="warning">Added since version {state.asOf}: not in this version.</p>}
              <div class="actions">
                <button type="button" onClick={() => expand(selectedNode.id)} disabled={expanded.has(selectedNode.id) && !collapsed.has(selectedNode.id)}>
                  + Expand
                </button>
                <button type="button" onClick={() => collapse(selectedNode.id)} disabled={collapsed.has(selectedNode.id) || !hidesSomething(selectedNode.id, [root], adjacencyOfGraph(drawnGraph), state.dir, collapsed)}>
                  − Collapse
                </button>
                {!selectedNode.computation && (
                  <button type="button" onClick={() => showFields(selectedNode.id)}>
                    Show fields
                  </button>
                )}
              </div>
              <ul class="links">
                <li>
                  <a href={hrefOf({ view: 'node', node: selectedNode.id, asOf: state.asOf })}>Node page</a>
                </li>
                <li>
                  <a href={hrefOf({ view: 'lineage', node: selectedNode.id, dir: state.dir, depth: state.depth, asOf: state.asOf })}>Lineage from here</a>
                </li>
                <li>
                  <a href={hrefOf({ view: 'impact', targets: [{ id: selectedNode.id }], asOf: state.asOf })}>Impact of deleting it</a>
                </li>
              </ul>
              {shownFields.has(selectedNode.id) && (
                <ul class="field-list" aria-label={`Fields of ${selectedNode.name}`}>
                  {shownFields.get(selectedNode.id)!.map((field) => (
                    <li>
                      <button type="button" onClick={() => navigate({ level: 'field', field: selectedNode.id === root ? field : `${selectedNode.id}#${field}` })}>
                        Follow {field}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {selectedGroup && (
            <div class="selected" data-id={selectedGroup.id}>
              <h2>{selectedGroup.label}</h2>
              <p>A group of {selectedGroup.members!.length.toLocaleString('en-US')} nodes, drawn as one so the picture stays readable.</p>
              <button type="button" onClick={() => setOpenGroups((g) => new Set([...g, selectedGroup.groupKey!]))}>
                Open the group
              </button>
            </div>
          )}
          {!selected && <p class="hint">Select a node for its details, + and −; double-click toggles. Pick a field box to follow its path.</p>}
          <Legend />
        </aside>
      </div>
      {picture && <NodeList picture={picture.picture} removed={sinceLatest?.removed ?? null} added={sinceLatest ? new Set(sinceLatest.added.map((n) => n.id)) : null} />}
    </section>
  );
}

function Legend() {
  return (
    <dl class="legend" aria-label="Legend">
      <dt class="legend-asset">box</dt>
      <dd>asset (table, stream, feature, model, rule…)</dd>
      <dt class="legend-computation">ellipse</dt>
      <dd>computation (job, pipeline, rule evaluation…)</dd>
      <dt class="legend-reads">dashed arrow</dt>
      <dd>READS</dd>
      <dt class="legend-writes">solid arrow</dt>
      <dd>WRITES</dd>
    </dl>
  );
}

/** The drawn nodes as text, for screen readers and for reading names the canvas shortens. */
function NodeList({ picture, removed, added }: { picture: Picture; removed: Set<string> | null; added: Set<string> | null }) {
  const LIMIT = 200;
  const nodes = picture.graph.nodes;
  return (
    <details class="node-list">
      <summary>Drawn nodes as a list ({nodes.length.toLocaleString('en-US')})</summary>
      <ul>
        {nodes.slice(0, LIMIT).map((n) => (
          <li data-id={n.id}>
            {n.members ? (
              n.label
            ) : (
              <a href={hrefOf({ view: 'node', node: n.id })}>
                {n.label} <span class="kind">{n.kind}</span>
              </a>
            )}
            {removed?.has(n.id) ? ' (removed since)' : ''}
            {added?.has(n.id) ? ' (added since)' : ''}
          </li>
        ))}
      </ul>
      {nodes.length > LIMIT && <p>…and {(nodes.length - LIMIT).toLocaleString('en-US')} more in the graph.</p>}
    </details>
  );
}
