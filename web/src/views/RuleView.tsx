import { graphql } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { hrefOf } from '../state/navigation.ts';
import type { ViewState } from '../state/urlState.ts';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { LineageView } from './LineageView.tsx';

const RuleFeaturesQuery = graphql(`
  query RuleFeatures($id: ID!) {
    featuresForRule(id: $id) {
      version
      rule {
        id
        name
        namespace
      }
      direct {
        id
        name
        namespace
      }
      transitive {
        id
        name
        namespace
      }
      models {
        id
        name
        inputs {
          id
          name
        }
      }
    }
  }
`);

/** A rule's features at decision time (direct, and through models) beside its upstream graph. */
export function RuleView({ state }: { state: ViewState }) {
  const { data, error, loading } = useQuery(RuleFeaturesQuery, { id: state.node! });
  const answer = data?.featuresForRule;
  const direct = new Set(answer?.direct.map((f) => f.id) ?? []);
  return (
    <section class="rule" aria-labelledby="rule-title">
      <h1 id="rule-title">
        <KindIcon kind="RULE" computation={false} /> <span class="node-name">{answer?.rule.name ?? state.node}</span>
        <span class="namespace"> {answer?.rule.namespace}</span>
      </h1>
      <nav class="crumbs" aria-label="This rule">
        <a href={hrefOf({ view: 'node', node: state.node })}>Node page</a>
        <a href={hrefOf({ view: 'impact', targets: [{ id: state.node! }] })}>Impact check</a>
      </nav>
      {error && <ErrorBox error={error} />}
      {loading && !answer && <Loading what="features" />}
      <div class="rule-columns">
        {answer && (
          <aside class="features" aria-label="Features at decision time">
            <h2>Features at decision time</h2>
            <p class="muted">Precomputed at graph version {answer.version} (what the rule engine is given at decision time).</p>
            <h3>Read by the rule ({answer.direct.length})</h3>
            <ul class="direct-features">
              {answer.direct.map((f) => (
                <li data-id={f.id}>
                  <KindIcon kind="FEATURE" computation={false} /> <a href={hrefOf({ view: 'node', node: f.id })}>{f.name}</a>
                </li>
              ))}
            </ul>
            {answer.models.map((model) => (
              <>
                <h3>
                  Through model <a href={hrefOf({ view: 'node', node: model.id })}>{model.name}</a> ({model.inputs.length})
                </h3>
                <ul class="model-features">
                  {model.inputs.map((f) => (
                    <li data-id={f.id}>
                      <KindIcon kind="FEATURE" computation={false} /> <a href={hrefOf({ view: 'node', node: f.id })}>{f.name}</a>
                    </li>
                  ))}
                </ul>
              </>
            ))}
            <h3>Every feature upstream ({answer.transitive.length})</h3>
            <ul class="transitive-features">
              {answer.transitive.map((f) => (
                <li data-id={f.id}>
                  {f.name}
                  {direct.has(f.id) ? ' (direct)' : ''}
                </li>
              ))}
            </ul>
          </aside>
        )}
        <div class="rule-graph">
          <LineageView state={{ ...state, dir: state.dir === 'DOWNSTREAM' ? 'UPSTREAM' : state.dir }} embedded />
        </div>
      </div>
    </section>
  );
}
