import { diffLines } from 'diff';
import { useState } from 'preact/hooks';
import { graphql, type ResultOf } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';

const DefinitionQuery = graphql(`
  query Definitions($id: ID!, $from: AsOf!, $to: AsOf!) {
    from: node(id: $id, asOf: $from) {
      ...Definition
    }
    to: node(id: $id, asOf: $to) {
      ...Definition
    }
  }
  fragment Definition on Node {
    kind
    ... on Asset {
      description
      code {
        text
      }
      fields {
        name
        type
      }
      owners {
        name
      }
      properties {
        key
        value
      }
      tags {
        field
        key
        value
      }
    }
    ... on Computation {
      description
      definition {
        text
      }
      owners {
        name
      }
      properties {
        key
        value
      }
      tags {
        field
        key
        value
      }
      inputs(first: 500) {
        nodes {
          namespace
          name
        }
      }
      outputs(first: 500) {
        nodes {
          namespace
          name
        }
      }
    }
  }
`);

type Definition = ResultOf<typeof DefinitionQuery>['from'];

/** A node's definition as text, one part per section, so that a line diff of two versions reads well. */
export function definitionText(node: Definition): string {
  if (!node) return '(does not exist at this version)\n';
  const lines = [`kind: ${node.kind}`];
  if ('description' in node && node.description) lines.push(`description: ${node.description}`);
  if ('owners' in node && node.owners.length) lines.push(`owners: ${node.owners.map((o) => o.name).join(', ')}`);
  if ('fields' in node) for (const f of node.fields) lines.push(`field ${f.name}${f.type ? `: ${f.type}` : ''}`);
  // What a version changed is often not its code: a rule retired (a property), a pipeline moved to
  // another source (its reads), a tag added. Sorted, so that only real changes show as changes.
  const sorted = (list: string[]) => [...list].sort();
  if ('inputs' in node) for (const a of sorted(node.inputs.nodes.map((n) => `${n.namespace} ${n.name}`))) lines.push(`reads ${a}`);
  if ('outputs' in node) for (const a of sorted(node.outputs.nodes.map((n) => `${n.namespace} ${n.name}`))) lines.push(`writes ${a}`);
  if ('properties' in node) for (const p of sorted(node.properties.map((p) => `property ${p.key} = ${p.value}`))) lines.push(p);
  if ('tags' in node) for (const t of sorted(node.tags.map((t) => `tag ${t.field ? `${t.field}: ` : ''}${t.key}=${t.value}`))) lines.push(t);
  const code = 'code' in node ? node.code?.text : 'definition' in node ? node.definition?.text : undefined;
  if (code) lines.push('', ...code.split('\n'));
  return `${lines.join('\n')}\n`;
}

/** The diff between any two versions of a node (jsdiff, by line): pick the versions, see what changed. */
export function VersionDiff({ id, versions }: { id: string; versions: number[] }) {
  const [from, setFrom] = useState(versions[0] ?? 0);
  const [to, setTo] = useState(versions.at(-1) ?? 0);
  // A version where the node was deleted has no definition: compare the one before it instead.
  const { data, error } = useQuery(DefinitionQuery, { id, from, to }, { skip: versions.length < 2 });
  if (versions.length < 2) return <p class="muted">One version only: nothing to compare.</p>;
  const parts = data ? diffLines(definitionText(data.from), definitionText(data.to)) : [];
  return (
    <div class="version-diff">
      <h3>Compare two versions</h3>
      <label>
        from{' '}
        <select name="diff-from" value={from} onChange={(e) => setFrom(Number((e.target as HTMLSelectElement).value))}>
          {versions.map((v) => (
            <option value={v}>v{v}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        to{' '}
        <select name="diff-to" value={to} onChange={(e) => setTo(Number((e.target as HTMLSelectElement).value))}>
          {versions.map((v) => (
            <option value={v}>v{v}</option>
          ))}
        </select>
      </label>
      {error && <p class="error">{error.message}</p>}
      <pre class="diff" aria-label={`Changes from version ${from} to version ${to}`} tabIndex={0}>
        {parts.map((part) => (
          <span class={part.added ? 'diff-added' : part.removed ? 'diff-removed' : 'diff-same'}>
            {part.value
              .replace(/\n$/, '')
              .split('\n')
              .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}\n`)
              .join('')}
          </span>
        ))}
      </pre>
    </div>
  );
}
