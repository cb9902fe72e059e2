-- The versioned bipartite graph. Every fact has a validity interval [from_version, to_version);
-- to_version NULL means "still valid". Normal operation only inserts rows and closes intervals.
-- Writers are serialised (one graph version at a time), so "at most one open row per fact" is kept
-- by the writer; the primary keys' leading columns serve the lookups by node id and fact key.
-- Node references are checked by applyChangeset before anything is written (a changeset naming a
-- node that does not exist is refused whole); foreign keys would add a trigger call per row to
-- bulk loads of millions of edges, so there are none.

-- One row per committed changeset; version is the graph version it created.
CREATE TABLE changeset (
  version      bigint PRIMARY KEY,
  committed_at timestamptz NOT NULL,
  source       text NOT NULL,
  actor        text NOT NULL,
  mode         text NOT NULL CHECK (mode IN ('full', 'delta')),
  stats        jsonb NOT NULL
);
CREATE INDEX changeset_committed_at ON changeset (committed_at);
CREATE INDEX changeset_source ON changeset (source, version);

-- Identity registry: a node id is derived from (node_type, namespace, name) and never changes.
CREATE TABLE node (
  id            text PRIMARY KEY,
  node_type     text NOT NULL CHECK (node_type IN ('ASSET', 'COMPUTATION')),
  namespace     text NOT NULL,
  name          text NOT NULL,
  first_version bigint NOT NULL,
  UNIQUE (node_type, namespace, name)
);

-- What each source asserts about a node. The node's effective version merges its open claims.
CREATE TABLE node_claim (
  node_id      text COLLATE "C" NOT NULL,
  source       text NOT NULL,
  from_version bigint NOT NULL,
  to_version   bigint,
  kind         text NOT NULL,
  content_hash text NOT NULL,
  definition   jsonb NOT NULL,
  PRIMARY KEY (node_id, source, from_version)
);
CREATE UNIQUE INDEX node_claim_open ON node_claim (source, node_id) WHERE to_version IS NULL;

-- Effective node versions: the node exists at v when a row covers v.
CREATE TABLE node_version (
  node_id      text COLLATE "C" NOT NULL,
  from_version bigint NOT NULL,
  to_version   bigint,
  kind         text NOT NULL,
  content_hash text NOT NULL,
  definition   jsonb NOT NULL,
  PRIMARY KEY (node_id, from_version)
);
CREATE UNIQUE INDEX node_version_open ON node_version (node_id) WHERE to_version IS NULL;
-- Versions only grow, so rows are inserted in from_version order: a BRIN index is enough.
CREATE INDEX node_version_from ON node_version USING brin (from_version);
CREATE INDEX node_version_to ON node_version (to_version) WHERE to_version IS NOT NULL;

-- What each source asserts about edges, field edges and tags, by the fact's key.
CREATE TABLE fact_claim (
  fact_type    text NOT NULL CHECK (fact_type IN ('edge', 'field_edge', 'tag')),
  fact_key     text COLLATE "C" NOT NULL,
  source       text NOT NULL,
  from_version bigint NOT NULL,
  to_version   bigint,
  PRIMARY KEY (fact_type, fact_key, source, from_version)
);
CREATE UNIQUE INDEX fact_claim_open ON fact_claim (source, fact_type, fact_key) WHERE to_version IS NULL;

-- READS (asset -> computation) and WRITES (computation -> asset). Nothing else joins two nodes.
CREATE TABLE edge (
  fact_key     text COLLATE "C" NOT NULL,
  from_id      text COLLATE "C" NOT NULL,
  to_id        text COLLATE "C" NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('READS', 'WRITES')),
  from_version bigint NOT NULL,
  to_version   bigint,
  PRIMARY KEY (fact_key, from_version)
);
CREATE INDEX edge_from ON edge (from_id, from_version);
CREATE INDEX edge_to ON edge (to_id, from_version);
CREATE INDEX edge_from_version ON edge USING brin (from_version);
CREATE INDEX edge_to_version ON edge (to_version) WHERE to_version IS NOT NULL;

-- Field-level lineage through a computation. Field '' is the asset as a whole.
CREATE TABLE field_edge (
  fact_key               text COLLATE "C" NOT NULL,
  computation_id         text COLLATE "C" NOT NULL,
  input_id               text COLLATE "C" NOT NULL,
  input_field            text NOT NULL,
  output_id              text COLLATE "C" NOT NULL,
  output_field           text NOT NULL,
  transformation_type    text NOT NULL CHECK (transformation_type IN ('DIRECT', 'INDIRECT')),
  transformation_subtype text NOT NULL,
  masking                boolean NOT NULL,
  from_version           bigint NOT NULL,
  to_version             bigint,
  PRIMARY KEY (fact_key, from_version)
);
CREATE INDEX field_edge_computation ON field_edge (computation_id);
CREATE INDEX field_edge_input ON field_edge (input_id);
CREATE INDEX field_edge_output ON field_edge (output_id);
CREATE INDEX field_edge_from_version ON field_edge USING brin (from_version);
CREATE INDEX field_edge_to_version ON field_edge (to_version) WHERE to_version IS NOT NULL;

-- key=value labels on nodes and fields. Field '' is the node itself.
CREATE TABLE tag (
  fact_key     text COLLATE "C" NOT NULL,
  node_id      text COLLATE "C" NOT NULL,
  field        text NOT NULL,
  key          text NOT NULL,
  value        text NOT NULL,
  from_version bigint NOT NULL,
  to_version   bigint,
  PRIMARY KEY (fact_key, from_version)
);
CREATE INDEX tag_node ON tag (node_id);
CREATE INDEX tag_key_value ON tag (key, value);
CREATE INDEX tag_from_version ON tag USING brin (from_version);
CREATE INDEX tag_to_version ON tag (to_version) WHERE to_version IS NOT NULL;

-- Runs of computations, versioned like everything else: a run's later state closes its earlier one.
CREATE TABLE run (
  run_id         text NOT NULL,
  computation_id text COLLATE "C" NOT NULL,
  source         text NOT NULL,
  state          text NOT NULL,
  started_at     timestamptz,
  ended_at       timestamptz,
  cost           double precision,
  properties     jsonb NOT NULL,
  content_hash   text NOT NULL,
  from_version   bigint NOT NULL,
  to_version     bigint,
  PRIMARY KEY (run_id, from_version)
);
CREATE UNIQUE INDEX run_open ON run (run_id) WHERE to_version IS NULL;
CREATE INDEX run_computation ON run (computation_id, from_version);
CREATE INDEX run_from_version ON run USING brin (from_version);
