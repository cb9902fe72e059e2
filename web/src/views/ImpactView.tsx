import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { query } from '../api/client.ts';
import { graphql, type ResultOf } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { GraphCanvas, loadRenderer } from '../graph/GraphCanvas.tsx';
import { warmUpLayout } from '../graph/layout.ts';
import { groupGraph } from '../graph/grouping.ts';
import { emptyGraph, levelsFrom, mergeLineage, type LineageGraph } from '../graph/model.ts';
import { hrefOf, navigate } from '../state/navigation.ts';
import { MAX_DEPTH, MODES, type Target, type ViewState } from '../state/urlState.ts';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { compact } from '../ui/MetricChart.tsx';
import { TimeSlider } from '../ui/TimeSlider.tsx';
import { impactCsv } from './impactCsv.ts';
import { LineageQuery, NodeHeaderQuery, SERVER_MAX_NODES } from './lineageData.ts';
import { NodePicker } from './NodePicker.tsx';

export const ImpactQuery = graphql(`
  query Impact($ids: [ID!]!, $mode: ImpactMode!, $fields: [FieldRefInput!], $asOf: AsOf) {
    impact(ids: $ids, mode: $mode, fields: $fields, asOf: $asOf, first: 500) {
      version
      mode
      summary
      truncated
      notFound
      windowFrom
      windowTo
      counts {
        status
        kind
        count
        traffic
      }
      roots {
        status
        fields
        owners
        node {
          __typename
          id
          name
          namespace
          kind
        }
      }
      broken {
        ...Impacted
      }
      degraded {
        ...Impacted
      }
    }
  }
  fragment Impacted on ImpactedNode {
    status
    reason
    distance
    path
    owners
    traffic
    node {
      __typename
      id
      name
      namespace
      kind
    }
  }
`);

export type ImpactReport = ResultOf<typeof ImpactQuery>['impact'];
export type ImpactedRow = ImpactReport['broken'][number];

function TargetChip({ target, asOf, onRemove }: { target: Target; asOf: number | null; onRemove(): void }) {
  const { data } = useQuery(NodeHeaderQuery, { id: target.id, asOf });
  return (
    <li class="chip">
      {data?.node ? <KindIcon kind={data.node.kind} computation={data.node.__typename === 'Computation'} /> : null} {data?.node?.name ?? target.id}
      {target.field !== undefined && <span class="field-name">#{target.field}</span>}
      <button type="button" aria-label={`Remove ${data?.node?.name ?? target.id}${target.field ? `#${target.field}` : ''}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

/**
 * The impact check: pick nodes or fields and a mode; broken and degraded nodes are coloured on the
 * downstream graph, each with its reason and evidence path on click; the summary with traffic; the
 * list exports as CSV.
 */
export function ImpactView({ state }: { state: ViewState }) {
  const targets = state.targets;
  const ids = targets.filter((t) => t.field === undefined).map((t) => t.id);
  const fields = targets.filter((t) => t.field !== undefined).map((t) => ({ id: t.id, field: t.field! }));
  const report = useQuery(ImpactQuery, { ids, mode: state.mode, fields: fields.length ? fields : null, asOf: state.asOf }, { skip: targets.length === 0 });
  const impact = report.data?.impact ?? null;
  const [graph, setGraph] = useState<LineageGraph | null>(null);
  const [graphError, setGraphError] = useState<Error | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  // The layout worker starts, and the renderer's chunk loads, while the impact report is fetched
  // (a layout effect, as the queries are sent: see LineageView).
  useLayoutEffect(() => {
    warmUpLayout();
    void loadRenderer();
  }, []);
  const [fieldPickerFor, setFieldPickerFor] = useState<string | null>(null);

  // The picture: the downstream lineage of every root, as far as the farthest impacted node.
  useEffect(() => {
    setGraph(null);
    setSelected(null);
    if (!impact) return;
    const depth = Math.min(MAX_DEPTH, Math.max(1, ...impact.broken.map((n) => n.distance), ...impact.degraded.map((n) => n.distance)));
    const roots = [...new Set(impact.roots.map((r) => r.node.id))];
    let cancelled = false;
    Promise.all(roots.map((id) => query(LineageQuery, { id, direction: 'DOWNSTREAM', depth, asOf: impact.version, fieldLevel: false, fields: null, maxNodes: SERVER_MAX_NODES })))
      .then((answers) => {
        if (cancelled) return;
        let g = emptyGraph();
        for (const answer of answers) g = mergeLineage(g, answer.lineage);
        setGraph(g);
      })
      .catch((error: Error) => !cancelled && setGraphError(error));
    return () => {
      cancelled = true;
    };
  }, [impact]);

  const impacted = useMemo(() => {
    const map = new Map<string, ImpactedRow>();
    for (const row of [...(impact?.broken ?? []), ...(impact?.degraded ?? [])]) map.set(row.node.id, row);
    return map;
  }, [impact]);
  const roots = impact?.roots.map((r) => r.node.id) ?? [];
  const picture = useMemo(() => {
    if (!graph) return null;
    const edges = [...graph.edges.values()];
    const levels = levelsFrom(roots, edges);
    return { graph: groupGraph([...graph.nodes.values()], edges, levels, state.group, { roots }) };
  }, [graph, state.group]);
  const selectedRow = selected ? impacted.get(selected) : undefined;
  const classes = useMemo(() => {
    const map = new Map<string, string[]>();
    if (!picture) return map;
    const onPath = new Set(selectedRow?.path ?? []);
    for (const node of picture.graph.nodes) {
      const row = impacted.get(node.id);
      const names = [roots.includes(node.id) ? 'impact-root' : row ? row.status.toLowerCase() : node.members ? '' : 'unaffected'];
      if (onPath.has(node.id)) names.push('highlight');
      map.set(node.id, names.filter(Boolean));
    }
    if (selectedRow) {
      for (const edge of picture.graph.edges) {
        const at = selectedRow.path.indexOf(edge.source);
        if (at >= 0 && selectedRow.path[at + 1] === edge.target) map.set(edge.id, ['highlight']);
      }
    }
    return map;
  }, [picture, impacted, selectedRow]);

  const setTargets = (next: Target[]) => navigate({ targets: next });
  const download = () => {
    if (!impact) return;
    const blob = new Blob([impactCsv(impact)], { type: 'text/csv;charset=utf-8' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `impact-${impact.mode.toLowerCase()}-v${impact.version}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const names = (path: readonly string[]) => path.map((id) => graph?.nodes.get(id)?.name ?? id);

  return (
    <section class="impact" aria-labelledby="impact-title">
      <h1 id="impact-title">Impact check</h1>
      <TimeSlider asOf={state.asOf} />
      <form class="controls" aria-label="Impact check" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>Mode</legend>
          {MODES.map((mode) => (
            <label>
              <input type="radio" name="mode" value={mode} checked={state.mode === mode} onChange={() => navigate({ mode })} /> {mode}
            </label>
          ))}
        </fieldset>
        <div class="targets">
          <span id="targets-label">Starting from</span>
          <ul aria-labelledby="targets-label" class="chips">
            {targets.map((target, i) => (
              <TargetChip target={target} asOf={state.asOf} onRemove={() => setTargets(targets.filter((_, j) => j !== i))} />
            ))}
          </ul>
          <NodePicker label="Add a node" asOf={state.asOf} onPick={(id) => setTargets([...targets, { id }])} />
          {state.mode === 'SCHEMA_CHANGE' && targets.some((t) => t.field === undefined) && (
            <label>
              Fields of{' '}
              <select onChange={(e) => setFieldPickerFor((e.target as HTMLSelectElement).value || null)} value={fieldPickerFor ?? ''}>
                <option value="">choose an asset</option>
                {targets
                  .filter((t) => t.field === undefined)
                  .map((t) => (
                    <TargetOption id={t.id} asOf={state.asOf} />
                  ))}
              </select>
            </label>
          )}
          {fieldPickerFor && <FieldChooser id={fieldPickerFor} asOf={state.asOf} onPick={(field) => setTargets([...targets.filter((t) => !(t.id === fieldPickerFor && t.field === undefined)), { id: fieldPickerFor, field }])} />}
        </div>
      </form>
      {targets.length === 0 && <p class="hint">Choose the nodes (or, for SCHEMA_CHANGE, fields) that go away; the check runs as soon as there is one.</p>}
      {report.error && <ErrorBox error={report.error} />}
      {graphError && <ErrorBox error={graphError} />}
      {report.loading && !impact && <Loading what="impact" />}
      {impact && (
        <>
          <div class="impact-summary" role="status">
            <p class="summary" data-testid="impact-summary">
              {impact.summary}
            </p>
            <p class="muted">
              At graph version {impact.version}, traffic over {impact.windowFrom.slice(0, 10)} – {impact.windowTo.slice(0, 10)}: {impact.broken.length} broken, {impact.degraded.length} degraded listed
              {impact.truncated ? ' (the list is cut at the 500 nearest of each; the counts cover all)' : ''}.
            </p>
            {impact.notFound.length > 0 && <p class="warning">Not found at this version: {impact.notFound.join(', ')}</p>}
            <table class="counts">
              <caption>By status and kind</caption>
              <thead>
                <tr>
                  <th scope="col">status</th>
                  <th scope="col">kind</th>
                  <th scope="col">count</th>
                  <th scope="col">traffic / day</th>
                </tr>
              </thead>
              <tbody>
                {impact.counts.map((c) => (
                  <tr data-status={c.status} data-kind={c.kind}>
                    <td>{c.status}</td>
                    <td>{c.kind}</td>
                    <td>{c.count}</td>
                    <td>{c.traffic === null ? '' : compact(c.traffic)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="graph-and-panel">
            {picture ? (
              <GraphCanvas
                picture={picture}
                layoutKey={`${impact.version}|${impact.mode}|${roots.join(',')}|${state.group}`}
                anchor={null}
                classes={classes}
                dimOthers={false}
                label={`Impact graph: ${impact.broken.length} broken and ${impact.degraded.length} degraded nodes`}
                onSelect={setSelected}
              />
            ) : (
              <Loading what="graph" />
            )}
            <aside class="panel" aria-label="Selected impacted node">
              {selectedRow ? (
                <div class="selected" data-id={selectedRow.node.id}>
                  <h2>
                    <KindIcon kind={selectedRow.node.kind} computation={selectedRow.node.__typename === 'Computation'} /> {selectedRow.node.name}
                  </h2>
                  <p>
                    <strong class={`status-${selectedRow.status.toLowerCase()}`}>{selectedRow.status}</strong> because <code>{selectedRow.reason}</code>, {selectedRow.distance} hops from a root
                    {selectedRow.traffic !== null ? `, ${compact(selectedRow.traffic)} uses/day` : ''}.
                  </p>
                  <h3>Evidence path</h3>
                  <ol class="evidence">
                    {names(selectedRow.path).map((name, i) => (
                      <li>
                        <a href={hrefOf({ view: 'node', node: selectedRow.path[i]!, asOf: impact.version })}>{name}</a>
                      </li>
                    ))}
                  </ol>
                  {selectedRow.owners.length > 0 && <p>Owners: {selectedRow.owners.join(', ')}</p>}
                </div>
              ) : selected && roots.includes(selected) ? (
                <p>A root of the check ({impact.roots.find((r) => r.node.id === selected)?.status}).</p>
              ) : selected ? (
                <p>Not impacted: it keeps another producer or does not depend on the roots.</p>
              ) : (
                <p class="hint">Red: broken; amber: degraded; dark: the roots; faded: downstream but unaffected. Select a node for its reason and evidence path.</p>
              )}
            </aside>
          </div>
          <section class="impacted-list">
            <h2>
              Impacted nodes ({impact.broken.length + impact.degraded.length}){' '}
              <button type="button" onClick={download}>
                Export CSV
              </button>
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">status</th>
                  <th scope="col">kind</th>
                  <th scope="col">name</th>
                  <th scope="col">reason</th>
                  <th scope="col">distance</th>
                  <th scope="col">traffic / day</th>
                  <th scope="col">owners</th>
                </tr>
              </thead>
              <tbody>
                {[...impact.broken, ...impact.degraded].map((row) => (
                  <tr data-id={row.node.id} data-status={row.status} class={selected === row.node.id ? 'selected-row' : ''}>
                    <td class={`status-${row.status.toLowerCase()}`}>{row.status}</td>
                    <td>{row.node.kind}</td>
                    <td>
                      <button type="button" class="link" onClick={() => setSelected(row.node.id)}>
                        {row.node.name}
                      </button>
                    </td>
                    <td>{row.reason}</td>
                    <td>{row.distance}</td>
                    <td>{row.traffic === null ? '' : compact(row.traffic)}</td>
                    <td>{row.owners.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}

/** An impact root in the "fields of" choice, by its name (the id until the name is known). */
function TargetOption({ id, asOf }: { id: string; asOf: number | null }) {
  const { data } = useQuery(NodeHeaderQuery, { id, asOf });
  return <option value={id}>{data?.node ? `${data.node.name} (${data.node.namespace})` : id}</option>;
}

function FieldChooser({ id, asOf, onPick }: { id: string; asOf: number | null; onPick(field: string): void }) {
  const { data } = useQuery(NodeHeaderQuery, { id, asOf });
  const node = data?.node;
  if (!node || node.__typename !== 'Asset') return null;
  return (
    <ul class="field-chooser" aria-label={`Fields of ${node.name}`}>
      {node.fields.map((f) => (
        <li>
          <button type="button" onClick={() => onPick(f.name)}>
            {f.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
