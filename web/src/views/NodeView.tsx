import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { graphql } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { hrefOf } from '../state/navigation.ts';
import type { ViewState } from '../state/urlState.ts';
import { Code } from '../ui/Code.tsx';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { MetricChart, type Series } from '../ui/MetricChart.tsx';
import { TimeSlider } from '../ui/TimeSlider.tsx';
import { VersionDiff } from './VersionDiff.tsx';

const NodeQuery = graphql(`
  query NodePage($id: ID!, $asOf: AsOf) {
    node(id: $id, asOf: $asOf) {
      __typename
      id
      namespace
      name
      kind
      ... on Asset {
        version
        description
        code {
          language
          text
        }
        fields {
          name
          type
          description
          tags {
            key
            value
          }
        }
        owners {
          ...OwnerParts
        }
        tags {
          ...TagParts
        }
        properties {
          key
          value
        }
        producers(first: 50) {
          totalCount
          nodes {
            ...NeighbourParts
          }
        }
        consumers(first: 50) {
          totalCount
          nodes {
            ...NeighbourParts
          }
        }
        runs(first: 10) {
          ...RunParts
        }
        metrics {
          ...MetricParts
        }
        versions {
          ...VersionParts
        }
      }
      ... on Computation {
        version
        description
        definition {
          language
          text
        }
        owners {
          ...OwnerParts
        }
        tags {
          ...TagParts
        }
        properties {
          key
          value
        }
        inputs(first: 50) {
          totalCount
          nodes {
            ...NeighbourParts
          }
        }
        outputs(first: 50) {
          totalCount
          nodes {
            ...NeighbourParts
          }
        }
        runs(first: 10) {
          ...RunParts
        }
        metrics {
          ...MetricParts
        }
        versions {
          ...VersionParts
        }
      }
    }
  }
  # Asset and Computation share these parts but no interface that declares them.
  fragment OwnerParts on Owner {
    name
    type
  }
  fragment TagParts on Tag {
    field
    key
    value
    since
  }
  fragment NeighbourParts on Node {
    id
    name
    namespace
    kind
  }
  fragment RunParts on RunConnection {
    totalCount
    nodes {
      runId
      state
      startedAt
      endedAt
      cost
      computation {
        name
      }
    }
  }
  fragment MetricParts on MetricPoint {
    metric
    field
    bucketStart
    value
  }
  fragment VersionParts on HistoryEntry {
    version
    change
    committedAt
    source
    actor
    diff {
      changed
      fieldsAdded
      fieldsRemoved
      fieldsChanged
      kindFrom
      kindTo
    }
  }
`);

/** Open alerts that reach the node or have a cause on it (docs/alerts.md). */
const NodeAlertsQuery = graphql(`
  query NodeAlerts($id: ID!) {
    alerts(reaches: $id, status: OPEN, first: 10) {
      id
      severity
      summary
    }
  }
`);

/** Says, above everything else, when something upstream (or the node itself) has an open alert. */
function OpenAlerts({ id }: { id: string }) {
  const { data } = useQuery(NodeAlertsQuery, { id });
  if (!data || data.alerts.length === 0) return null;
  return (
    <section class="warning node-alerts" aria-label="Open alerts">
      <strong>
        {data.alerts.length} open alert{data.alerts.length === 1 ? '' : 's'} reach{data.alerts.length === 1 ? 'es' : ''} this node
      </strong>{' '}
      (<a href={hrefOf({ view: 'alerts' })}>all alerts</a>):
      <ul>
        {data.alerts.map((alert) => (
          <li data-id={alert.id}>
            {alert.severity} · {alert.summary}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface TimelineVersion {
  version: number;
  change: string;
  committedAt: string;
  source: string | null;
  actor: string | null;
}

/** One line of a node's history: the version (a link to the page as of it), the change, when, from which source, by whom. */
function TimelineEntry({ v, href, label, children }: { v: TimelineVersion; href: string; label: string; children?: ComponentChildren }) {
  return (
    <li data-version={v.version} class={`change-${v.change.toLowerCase()}`}>
      <a href={href}>{label}</a> <strong>{v.change}</strong> <time dateTime={v.committedAt}>{v.committedAt.replace('T', ' ').slice(0, 19)}</time> · {v.source} · {v.actor}
      {children}
    </li>
  );
}

/** The history of a node that is not there at the version asked for (deleted since, or not yet created). */
const GoneHistoryQuery = graphql(`
  query GoneHistory($id: ID!) {
    history(id: $id) {
      version
      change
      committedAt
      source
      actor
    }
  }
`);

/** Where a node missing at this version did exist: each of its versions, a link to the page as of it. */
function GoneHistory({ id }: { id: string }) {
  const { data } = useQuery(GoneHistoryQuery, { id });
  if (!data || data.history.length === 0) return null;
  return (
    <section class="card wide">
      <h2>History</h2>
      <ol class="timeline">
        {data.history.map((v) => (
          <TimelineEntry v={v} href={hrefOf({ view: 'node', node: id, asOf: v.change === 'DELETED' ? v.version - 1 : v.version })} label={v.change === 'DELETED' ? `v${v.version - 1}, before it was deleted` : `v${v.version}`} />
        ))}
      </ol>
    </section>
  );
}

/** Field edges into the asset (two hops up: through the computation that writes it to what it read): which of its fields are made by a masking transformation. */
const MaskingQuery = graphql(`
  query FieldMasking($id: ID!, $asOf: AsOf) {
    lineage(id: $id, direction: UPSTREAM, depth: 2, fieldLevel: true, asOf: $asOf) {
      fieldEdges {
        output {
          id
          field
        }
        input {
          id
          field
        }
        masking
        transformationType
        subtype
      }
    }
  }
`);

const UNITS: Record<string, string> = {
  'rule.evaluations': 'evaluations',
  'rule.hits': 'hits',
  'feature.lookups': 'lookups',
  'service.qps': 'qps',
  'cost.compute': 'cost units',
  'cost.storage': 'cost units',
};

type Neighbour = { id: string; name: string; namespace: string; kind: string };

function Neighbours({ title, list, computation, asOf }: { title: string; list: { totalCount: number; nodes: readonly Neighbour[] }; computation: boolean; asOf: number | null }) {
  return (
    <section class="card">
      <h2>
        {title} ({list.totalCount})
      </h2>
      {list.nodes.length === 0 ? (
        <p class="muted">none</p>
      ) : (
        <ul class="neighbours">
          {list.nodes.map((n) => (
            <li>
              <KindIcon kind={n.kind} computation={computation} /> <a href={hrefOf({ view: 'node', node: n.id, asOf })}>{n.name}</a> <span class="namespace">{n.namespace}</span>
            </li>
          ))}
          {list.totalCount > list.nodes.length && <li class="muted">…and {list.totalCount - list.nodes.length} more (see the lineage graph)</li>}
        </ul>
      )}
    </section>
  );
}

/** A node's page: identity, definition, fields with tags and masking, owners, neighbours, runs, traffic and cost, history. */
export function NodeView({ state }: { state: ViewState }) {
  const id = state.node!;
  const { data, error, loading } = useQuery(NodeQuery, { id, asOf: state.asOf });
  const node = data?.node;
  const masking = useQuery(MaskingQuery, { id, asOf: state.asOf }, { skip: node?.__typename !== 'Asset' });
  const maskedFields = useMemo(() => {
    const masked = new Map<string, string>();
    for (const edge of masking.data?.lineage.fieldEdges ?? []) {
      if (edge.output.id === id && edge.masking) masked.set(edge.output.field, `${edge.transformationType}${edge.subtype ? `/${edge.subtype}` : ''} from ${edge.input.field}`);
    }
    return masked;
  }, [masking.data]);
  const charts = useMemo(() => {
    const byMetric = new Map<string, Series>();
    for (const point of node?.metrics ?? []) {
      if (point.field) continue;
      const series = byMetric.get(point.metric) ?? byMetric.set(point.metric, { label: point.metric, points: [] }).get(point.metric)!;
      series.points.push({ t: Date.parse(point.bucketStart), value: point.value });
    }
    return [...byMetric.values()];
  }, [node]);

  if (error) return <ErrorBox error={error} />;
  if (!data && loading) return <Loading what="node" />;
  if (!node) {
    return (
      <section>
        <TimeSlider asOf={state.asOf} />
        <p class="warning" role="status">
          This node does not exist at {state.asOf === null ? 'the latest version' : `version ${state.asOf}`}. Its <a href={hrefOf({ view: 'node', node: id })}>latest page</a> or its history below may say more.
        </p>
        <GoneHistory id={id} />
      </section>
    );
  }
  const computation = node.__typename === 'Computation';
  const code = node.__typename === 'Asset' ? node.code : node.__typename === 'Computation' ? node.definition : null;
  const isRule = node.kind === 'RULE';

  return (
    <article class="node-page" aria-labelledby="node-title">
      <header class="view-header">
        <h1 id="node-title">
          <KindIcon kind={node.kind} computation={computation} /> <span class="node-name">{node.name}</span>
        </h1>
        <p class="identity">
          <span class="namespace">{node.namespace}</span> · <span class="kind">{node.kind}</span> · {computation ? 'computation' : 'asset'} · <code class="node-id">{node.id}</code> · as of version {node.version}
        </p>
        <nav class="crumbs" aria-label="This node">
          <a href={hrefOf({ view: 'lineage', node: id, dir: 'DOWNSTREAM', asOf: state.asOf })}>Downstream</a>
          <a href={hrefOf({ view: 'lineage', node: id, dir: 'UPSTREAM', asOf: state.asOf })}>Upstream</a>
          <a href={hrefOf({ view: 'impact', targets: [{ id }], asOf: state.asOf })}>Impact check</a>
          {isRule && <a href={hrefOf({ view: 'rule', node: id, asOf: state.asOf })}>Features at decision time</a>}
        </nav>
      </header>
      <TimeSlider asOf={state.asOf} />
      {state.asOf === null && <OpenAlerts id={id} />}
      {node.description && <p class="description">{node.description}</p>}
      <div class="cards">
        {code && (
          <section class="card wide">
            <h2>Definition</h2>
            <Code language={code.language} text={code.text} />
          </section>
        )}
        {node.__typename === 'Asset' && node.fields.length > 0 && (
          <section class="card wide">
            <h2>Fields ({node.fields.length})</h2>
            <table class="fields">
              <thead>
                <tr>
                  <th scope="col">field</th>
                  <th scope="col">type</th>
                  <th scope="col">tags</th>
                  <th scope="col">masking</th>
                  <th scope="col">lineage</th>
                </tr>
              </thead>
              <tbody>
                {node.fields.map((field) => (
                  <tr data-field={field.name}>
                    <td>{field.name}</td>
                    <td>{field.type ?? ''}</td>
                    <td>
                      {field.tags.map((tag) => (
                        <span class="tag">
                          {tag.key}={tag.value}
                        </span>
                      ))}
                    </td>
                    <td>{maskedFields.has(field.name) ? <span class="masked">masked ({maskedFields.get(field.name)})</span> : ''}</td>
                    <td>
                      <a href={hrefOf({ view: 'lineage', node: id, level: 'field', field: field.name, dir: 'BOTH', asOf: state.asOf })}>follow {field.name}</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
        <section class="card">
          <h2>Owners</h2>
          {node.owners.length === 0 ? (
            <p class="muted">none declared</p>
          ) : (
            <ul>
              {node.owners.map((o) => (
                <li>
                  {o.name} {o.type && <span class="muted">({o.type})</span>}
                </li>
              ))}
            </ul>
          )}
          <h2>Tags</h2>
          {node.tags.filter((t) => !t.field).length === 0 ? (
            <p class="muted">none on the node itself</p>
          ) : (
            <p>
              {node.tags
                .filter((t) => !t.field)
                .map((t) => (
                  <span class="tag" title={`since version ${t.since}`}>
                    {t.key}={t.value}
                  </span>
                ))}
            </p>
          )}
          {node.properties.length > 0 && (
            <>
              <h2>Properties</h2>
              <dl class="properties">
                {node.properties.map((p) => (
                  <>
                    <dt>{p.key}</dt>
                    <dd>{p.value}</dd>
                  </>
                ))}
              </dl>
            </>
          )}
        </section>
        {node.__typename === 'Asset' && (
          <>
            <Neighbours title="Producers" list={node.producers} computation asOf={state.asOf} />
            <Neighbours title="Consumers" list={node.consumers} computation asOf={state.asOf} />
          </>
        )}
        {node.__typename === 'Computation' && (
          <>
            <Neighbours title="Reads" list={node.inputs} computation={false} asOf={state.asOf} />
            <Neighbours title="Writes" list={node.outputs} computation={false} asOf={state.asOf} />
          </>
        )}
        <section class="card wide">
          <h2>Traffic and cost</h2>
          {charts.length === 0 ? (
            <p class="muted">No metrics in the window.</p>
          ) : (
            <div class="charts">
              {charts.map((series) => (
                <MetricChart title={series.label} series={series} unit={UNITS[series.label] ?? ''} />
              ))}
            </div>
          )}
        </section>
        <section class="card wide">
          <h2>Runs ({node.runs.totalCount})</h2>
          {node.runs.nodes.length === 0 ? (
            <p class="muted">No runs recorded.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">run</th>
                  <th scope="col">computation</th>
                  <th scope="col">state</th>
                  <th scope="col">started</th>
                  <th scope="col">ended</th>
                  <th scope="col">cost</th>
                </tr>
              </thead>
              <tbody>
                {node.runs.nodes.map((run) => (
                  <tr>
                    <td>{run.runId}</td>
                    <td>{run.computation?.name ?? ''}</td>
                    <td>{run.state}</td>
                    <td>{run.startedAt ?? ''}</td>
                    <td>{run.endedAt ?? ''}</td>
                    <td>{run.cost ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section class="card wide">
          <h2>History</h2>
          <ol class="timeline">
            {node.versions.map((v) => (
              <TimelineEntry v={v} href={hrefOf({ view: 'node', node: id, asOf: v.version })} label={`v${v.version}`}>
                {describeDiff(v.diff) && <span class="diff-summary"> · {describeDiff(v.diff)}</span>}
              </TimelineEntry>
            ))}
          </ol>
          <VersionDiff id={id} versions={node.versions.map((v) => v.version)} />
        </section>
      </div>
    </article>
  );
}

function describeDiff(diff: { changed: readonly string[]; fieldsAdded: readonly string[]; fieldsRemoved: readonly string[]; fieldsChanged: readonly string[]; kindFrom: string | null; kindTo: string | null }): string {
  const parts: string[] = [];
  if (diff.changed.length) parts.push(`changed ${diff.changed.join(', ')}`);
  if (diff.fieldsAdded.length) parts.push(`+fields ${diff.fieldsAdded.join(', ')}`);
  if (diff.fieldsRemoved.length) parts.push(`−fields ${diff.fieldsRemoved.join(', ')}`);
  if (diff.fieldsChanged.length) parts.push(`~fields ${diff.fieldsChanged.join(', ')}`);
  if (diff.kindFrom && diff.kindTo && diff.kindFrom !== diff.kindTo) parts.push(`kind ${diff.kindFrom} → ${diff.kindTo}`);
  return parts.join('; ');
}
