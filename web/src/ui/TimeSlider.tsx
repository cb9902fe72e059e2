import { graphql } from '../api/graphql.ts';
import { useQuery } from '../api/useQuery.ts';
import { navigate } from '../state/navigation.ts';

const ChangesQuery = graphql(`
  query GraphVersions {
    graphVersion
    graphVersions {
      version
      committedAt
      source
      actor
      stats {
        nodesCreated
        nodesDeleted
        nodesUpdated
        edgesAdded
        edgesRemoved
      }
    }
  }
`);

/**
 * Time travel: a slider over graph versions, each with its changeset's time, source and actor.
 * Moving it sets `asOf` in the URL, and every view on the page redraws as of that version.
 */
export function TimeSlider({ asOf }: { asOf: number | null }) {
  const { data } = useQuery(ChangesQuery, {});
  if (!data || data.graphVersions.length === 0) return null;
  const latest = data.graphVersion;
  const first = data.graphVersions[0]!.version;
  const value = asOf ?? latest;
  const change = data.graphVersions.find((c) => c.version === value);
  const when = change ? new Date(change.committedAt).toISOString().replace('T', ' ').slice(0, 19) : '';
  return (
    <div class="time-slider" data-version={value}>
      <label for="time-slider-input">Graph version</label>
      <input
        id="time-slider-input"
        type="range"
        min={first}
        max={latest}
        step={1}
        value={value}
        list="time-slider-versions"
        aria-valuetext={`version ${value}${change ? ` of ${when}, ${change.source}` : ''}`}
        onInput={(e) => {
          const v = Number((e.target as HTMLInputElement).value);
          navigate({ asOf: v === latest ? null : v }, { replace: true });
        }}
      />
      <datalist id="time-slider-versions">
        {data.graphVersions.map((c) => (
          <option value={c.version} label={`v${c.version}`} />
        ))}
      </datalist>
      <output for="time-slider-input" class="time-slider-label">
        <strong>v{value}</strong>
        {value === latest ? ' (latest)' : ` of ${latest}`}
        {change && (
          <>
            {' · '}
            <time dateTime={change.committedAt}>{when} UTC</time> · {change.source} · by {change.actor} · +{change.stats.nodesCreated} −{change.stats.nodesDeleted} nodes, +{change.stats.edgesAdded} −{change.stats.edgesRemoved} edges
          </>
        )}
      </output>
      {asOf !== null && (
        <button type="button" onClick={() => navigate({ asOf: null })}>
          Back to latest
        </button>
      )}
    </div>
  );
}
