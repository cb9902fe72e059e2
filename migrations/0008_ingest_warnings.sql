-- Ingest warnings: items that were committed but whose lineage may be incomplete or ambiguous (a
-- statement read only in part, a name given two readings). They have an error's shape (source,
-- location, message, node, graph version) and answer the same question ("why is this edge
-- missing?"), so they are rows of ingest_error told apart by severity; every row recorded before
-- this migration was an error. A constant default adds the column without rewriting the table.
ALTER TABLE ingest_error ADD COLUMN severity text NOT NULL DEFAULT 'error'
  CONSTRAINT ingest_error_severity CHECK (severity IN ('error', 'warning'));
