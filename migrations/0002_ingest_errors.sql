-- Bad items found while ingesting (a statement the parser refused, an invalid event, a changeset
-- the store refused). They are kept so that "why is this table missing from the graph?" has an
-- answer after the ingest's own output is gone. Rows are only ever inserted.
-- graph_version is the graph version current when the error was recorded (0 before any commit);
-- node_id is the node the bad item was about, when the ingestor could tell.
CREATE TABLE ingest_error (
  id            bigserial PRIMARY KEY,
  source        text NOT NULL,
  location      text NOT NULL,
  message       text NOT NULL,
  node_id       text COLLATE "C",
  graph_version bigint NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
-- Reads are "the latest errors of this source / of this node": newest first by id.
CREATE INDEX ingest_error_source ON ingest_error (source, id);
CREATE INDEX ingest_error_node ON ingest_error (node_id, id) WHERE node_id IS NOT NULL;
