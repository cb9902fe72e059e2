import { useEffect, useState } from 'preact/hooks';
import { query } from '../api/client.ts';
import { graphql, type ResultOf } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { hrefOf } from '../state/navigation.ts';
import type { ViewState } from '../state/urlState.ts';
import { ErrorBox, Loading } from '../ui/errorBox.tsx';
import { KindIcon } from '../ui/kindIcon.tsx';
import { TimeSlider } from '../ui/TimeSlider.tsx';
import { NodeHeaderQuery } from './lineageData.ts';

const AuditQuery = graphql(`
  query Audit($policy: String, $asOf: AsOf) {
    audit(policy: $policy, asOf: $asOf) {
      version
      policyHash
      summary
      propagate
      policies {
        tag
        allowedPurposes
      }
      violations {
        key
        value
        kind
        purpose
        allowedPurposes
        policies
        consumer {
          __typename
          id
          name
          namespace
          kind
        }
        origins {
          id
          field
          path {
            id
            field
          }
        }
      }
      consumers {
        role
        verdict
        purposes
        node {
          __typename
          id
          name
          kind
        }
        tags {
          key
          value
          allowed
        }
      }
    }
  }
`);

type Violation = ResultOf<typeof AuditQuery>['audit']['violations'][number];

/** The names of the nodes on a violation's evidence paths (the audit answers ids). */
function useNames(violation: Violation | null, asOf: number): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  useEffect(() => {
    if (!violation) return;
    const ids = [...new Set(violation.origins.flatMap((o) => o.path.map((s) => s.id)))];
    let cancelled = false;
    Promise.all(ids.map((id) => query(NodeHeaderQuery, { id, asOf }).then((a) => [id, a.node?.name ?? id] as const))).then((pairs) => !cancelled && setNames(new Map(pairs)), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [violation, asOf]);
  return names;
}

/** The compliance audit against a policy: every violation with its evidence paths and the graph version that reproduces it. */
export function AuditView({ state }: { state: ViewState }) {
  const [draft, setDraft] = useState('');
  const [policy, setPolicy] = useState<string | null>(null);
  const { data, error, loading } = useQuery(AuditQuery, { policy, asOf: state.asOf });
  const [selected, setSelected] = useState<number | null>(null);
  const audit = data?.audit;
  const violation = audit && selected !== null ? (audit.violations[selected] ?? null) : null;
  const names = useNames(violation, audit?.version ?? 0);
  useEffect(() => setSelected(null), [audit]);
  return (
    <section class="audit" aria-labelledby="audit-title">
      <h1 id="audit-title">Compliance audit</h1>
      <TimeSlider asOf={state.asOf} />
      <form
        class="policy-form"
        onSubmit={(e) => {
          e.preventDefault();
          setPolicy(draft.trim() ? draft : null);
        }}
      >
        <label for="policy-text">Policy (YAML or JSON, docs/compliance.md); empty: the server's policy</label>
        <textarea id="policy-text" name="policy" rows={8} value={draft} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} spellcheck={false} />
        <button type="submit">Run the audit</button>
      </form>
      {error && <ErrorBox error={error} />}
      {loading && <Loading what="audit" />}
      {audit && (
        <>
          <div class="audit-summary" role="status">
            <p class="summary" data-testid="audit-summary">
              {audit.summary}
            </p>
            <p class="reproduce">
              Reproduce: graph version <strong data-testid="audit-version">{audit.version}</strong> with policy sha256 <code>{audit.policyHash.slice(0, 16)}…</code> (
              <a href={hrefOf({ view: 'audit', asOf: audit.version })}>this audit at version {audit.version}</a>; <code>dctx audit --policy FILE --as-of {audit.version}</code>).
            </p>
          </div>
          <div class="audit-columns">
            <table class="violations">
              <caption>Violations ({audit.violations.length})</caption>
              <thead>
                <tr>
                  <th scope="col">consumer</th>
                  <th scope="col">tag</th>
                  <th scope="col">violation</th>
                  <th scope="col">purpose</th>
                  <th scope="col">allowed</th>
                </tr>
              </thead>
              <tbody>
                {audit.violations.map((v, i) => (
                  <tr data-consumer={v.consumer.id} class={selected === i ? 'selected-row' : ''}>
                    <td>
                      <KindIcon kind={v.consumer.kind} computation={v.consumer.__typename === 'Computation'} />{' '}
                      <button type="button" class="link" onClick={() => setSelected(i)}>
                        {v.consumer.name}
                      </button>
                    </td>
                    <td>
                      {v.key}={v.value}
                    </td>
                    <td>{v.kind}</td>
                    <td>{v.purpose ?? '—'}</td>
                    <td>{v.allowedPurposes.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <aside class="panel" aria-label="Evidence">
              {violation ? (
                <div class="evidence-panel" data-consumer={violation.consumer.id}>
                  <h2>
                    {violation.consumer.name}: {violation.kind}
                  </h2>
                  <p>
                    {violation.key}={violation.value} reaches it{violation.purpose ? ` for purpose ${violation.purpose}` : ' with no declared purpose'}; the policy ({violation.policies.join(', ')}) allows{' '}
                    {violation.allowedPurposes.join(', ') || 'no purpose'}.
                  </p>
                  {violation.origins.map((origin) => (
                    <div class="origin">
                      <h3>
                        From {names.get(origin.id) ?? origin.id}
                        {origin.field ? `.${origin.field}` : ''}
                      </h3>
                      <ol class="evidence">
                        {origin.path.map((step) => (
                          <li>
                            <a href={hrefOf({ view: 'node', node: step.id, asOf: audit.version })}>{names.get(step.id) ?? step.id}</a>
                            {step.field ? <span class="field-name">.{step.field}</span> : null}
                          </li>
                        ))}
                      </ol>
                    </div>
                  ))}
                </div>
              ) : (
                <p class="hint">Select a violation for its evidence paths.</p>
              )}
            </aside>
          </div>
          <details class="consumers">
            <summary>All consumers of tagged data ({audit.consumers.length})</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">consumer</th>
                  <th scope="col">role</th>
                  <th scope="col">verdict</th>
                  <th scope="col">purposes</th>
                  <th scope="col">tags</th>
                </tr>
              </thead>
              <tbody>
                {audit.consumers.map((c) => (
                  <tr>
                    <td>{c.node.name}</td>
                    <td>{c.role}</td>
                    <td>{c.verdict}</td>
                    <td>{c.purposes.join(', ')}</td>
                    <td>{c.tags.map((t) => `${t.key}=${t.value}`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
