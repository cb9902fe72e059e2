-- Quality results (issue 24): the outcome of a check on an asset or one of its fields at a time,
-- kept with history. A result is an observation, not a graph fact: no validity interval, no
-- changeset, no graph version. field '' is the node itself (as in tag and metric). A check is
-- (node_id, field, check_name): its latest result across sources is what it says now.
-- outcome: pass, fail, warn (a failure the checker rates as a warning), error (the check could
-- not run), measured (a value with no verdict: OpenLineage dataQualityMetrics).
-- observed and expected are JSON values (a number, a text, a list): what the checker reported.
-- Re-recording the same (check, source, observed_at) replaces the values when they differ, so
-- re-ingesting a file is idempotent and a corrected file wins. seq orders recordings; recorded_version
-- is the graph version current when the row was last written (touchedSince reads it).
-- node_id is not a foreign key, as in metric: the ingestor checks that the node exists; a node that
-- later ends keeps its history of results.
CREATE TABLE quality_result (
  seq              bigserial NOT NULL,
  node_id          text COLLATE "C" NOT NULL,
  field            text NOT NULL,
  check_name       text NOT NULL,
  source           text NOT NULL,
  observed_at      timestamptz NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('pass', 'fail', 'warn', 'error', 'measured')),
  observed         jsonb,
  expected         jsonb,
  message          text,
  run_id           text,
  recorded_version bigint NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (node_id, field, check_name, source, observed_at)
);
-- "A node's results, newest first" (GraphQL history) and "the latest result per check" both walk
-- the primary key's node prefix; this one serves the time order across checks.
CREATE INDEX quality_result_node_time ON quality_result (node_id, observed_at DESC);
-- "Nodes whose results changed since version V" (QualityCauseSource.touchedSince).
CREATE INDEX quality_result_recorded ON quality_result (recorded_version);
