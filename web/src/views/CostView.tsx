import { useMemo, useState } from 'preact/hooks';
import { graphql } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { hrefOf } from '../state/navigation.ts';
import type { ViewState } from '../state/urlState.ts';
import { BarChart } from '../ui/BarChart.tsx';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { compact } from '../ui/MetricChart.tsx';
import { TimeSlider } from '../ui/TimeSlider.tsx';

const CostQuery = graphql(`
  query Cost($split: CostSplit!, $asOf: AsOf) {
    costAttribution(split: $split, first: 200, breakdownTop: 3, asOf: $asOf) {
      version
      windowFrom
      windowTo
      totalCost
      attributedTotal
      unattributedTotal
      attributed {
        ownCost
        attributedCost
        evaluations
        costPer1000Evaluations
        node {
          __typename
          id
          name
          namespace
          kind
        }
        breakdown {
          cost
          node {
            id
            name
          }
        }
      }
    }
    decommissionCandidates(first: 100, asOf: $asOf) {
      totalSavings
      totalCount
      truncated
      candidates {
        reason
        ownCost
        savings
        traffic
        upstream
        node {
          __typename
          id
          name
          namespace
          kind
        }
      }
    }
  }
`);

const money = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/** Cost attribution per rule, model and service (a table and a chart), and the decommission candidates with what they cost. */
export function CostView({ state }: { state: ViewState }) {
  const [split, setSplit] = useState<'EQUAL' | 'TRAFFIC'>('EQUAL');
  const [kind, setKind] = useState('');
  const { data, error, loading } = useQuery(CostQuery, { split, asOf: state.asOf });
  const cost = data?.costAttribution;
  const rows = useMemo(() => (cost?.attributed ?? []).filter((row) => !kind || row.node.kind === kind), [cost, kind]);
  const top = useMemo(() => rows.slice(0, 15).map((row) => ({ label: row.node.name, value: row.attributedCost })), [rows]);
  const kinds = [...new Set((cost?.attributed ?? []).map((row) => row.node.kind))].sort();
  return (
    <section class="cost" aria-labelledby="cost-title">
      <h1 id="cost-title">Cost attribution</h1>
      <TimeSlider asOf={state.asOf} />
      <form class="controls" aria-label="Cost controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Split{' '}
          <select name="split" value={split} onChange={(e) => setSplit((e.target as HTMLSelectElement).value as 'EQUAL' | 'TRAFFIC')}>
            <option value="EQUAL">equally among consumers</option>
            <option value="TRAFFIC">by consumer traffic</option>
          </select>
        </label>
        <label>
          Kind{' '}
          <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">rules, models and services</option>
            {kinds.map((k) => (
              <option value={k}>{k}</option>
            ))}
          </select>
        </label>
      </form>
      {error && <ErrorBox error={error} />}
      {!data && loading && <Loading what="cost" />}
      {cost && data && (
        <>
          <p class="cost-totals" role="status">
            Version {cost.version}, {cost.windowFrom.slice(0, 10)} – {cost.windowTo.slice(0, 10)}: total cost <strong>{money(cost.totalCost)}</strong>, of which {money(cost.attributedTotal)} reaches a rule, model or service and{' '}
            {money(cost.unattributedTotal)} reaches none: cost of nodes nothing in the graph reads (decommission candidates below) or whose users the catalog does not describe.
          </p>
          {top.length > 0 && <BarChart title={`Attributed cost, top ${top.length}${kind ? ` ${kind}` : ''}`} values={top} />}
          <table class="cost-table">
            <caption>Attributed cost{kind ? ` of ${kind} nodes` : ''}, most expensive first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">node</th>
                <th scope="col">kind</th>
                <th scope="col">own cost</th>
                <th scope="col">attributed cost</th>
                <th scope="col">evaluations</th>
                <th scope="col">per 1,000 evaluations</th>
                <th scope="col">largest contributors</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr data-id={row.node.id}>
                  <td>{i + 1}</td>
                  <td>
                    <KindIcon kind={row.node.kind} computation={row.node.__typename === 'Computation'} /> <a href={hrefOf({ view: 'node', node: row.node.id, asOf: state.asOf })}>{row.node.name}</a>
                  </td>
                  <td>{row.node.kind}</td>
                  <td>{money(row.ownCost)}</td>
                  <td>{money(row.attributedCost)}</td>
                  <td>{row.evaluations === null ? '' : compact(row.evaluations)}</td>
                  <td>{row.costPer1000Evaluations === null ? '' : row.costPer1000Evaluations.toPrecision(3)}</td>
                  <td>{row.breakdown.map((b) => `${b.node.name} ${money(b.cost)}`).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Decommission candidates</h2>
          <p>
            {data.decommissionCandidates.totalCount} candidates{data.decommissionCandidates.truncated ? ` (the first ${data.decommissionCandidates.candidates.length} listed)` : ''}; removing them all saves <strong>{money(data.decommissionCandidates.totalSavings)}</strong> over the window.
          </p>
          <table class="decommission-table">
            <thead>
              <tr>
                <th scope="col">node</th>
                <th scope="col">kind</th>
                <th scope="col">reason</th>
                <th scope="col">own cost</th>
                <th scope="col">savings</th>
                <th scope="col">upstream that goes with it</th>
              </tr>
            </thead>
            <tbody>
              {data.decommissionCandidates.candidates.map((c) => (
                <tr data-id={c.node.id}>
                  <td>
                    <KindIcon kind={c.node.kind} computation={c.node.__typename === 'Computation'} /> <a href={hrefOf({ view: 'node', node: c.node.id, asOf: state.asOf })}>{c.node.name}</a>
                  </td>
                  <td>{c.node.kind}</td>
                  <td>{c.reason}</td>
                  <td>{money(c.ownCost)}</td>
                  <td>{money(c.savings)}</td>
                  <td>{c.upstream.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
