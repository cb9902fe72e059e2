-- Time-bucketed measurements of nodes (traffic, cost, freshness): DESIGN.md "Dynamics (D)".
-- Metrics are measurements, not graph facts: they carry no validity interval and are not part of
-- any changeset. A bucket's value from a source is overwritten by that source's latest report
-- (upsert on the primary key), so re-ingesting a file is idempotent and a corrected file wins.
-- recorded_version is the graph version current when the value was last changed, for readers
-- that want to relate a measurement to the graph it was taken against.
-- Buckets are aligned in UTC: an hour bucket starts on the hour, a day bucket at 00:00 UTC.
-- field '' is the node itself (as in tag). node_id is not a foreign key, as elsewhere: the
-- ingestor checks that the node exists; a node that later ends keeps its history of measurements.
CREATE TABLE metric (
  node_id          text COLLATE "C" NOT NULL,
  field            text NOT NULL,
  metric           text NOT NULL,
  granularity      text NOT NULL CHECK (granularity IN ('hour', 'day')),
  bucket_start     timestamptz NOT NULL,
  value            double precision NOT NULL,
  source           text NOT NULL,
  recorded_version bigint NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (node_id, field, metric, granularity, bucket_start, source)
);
-- "This node's metrics between two times" (any field, any metric): the primary key leads with the
-- node but puts field and metric before the time, so a range read would visit every bucket.
CREATE INDEX metric_node_bucket ON metric (node_id, bucket_start);
-- "One metric summed per node over a window" (impact traffic, cost attribution): an index-only scan.
CREATE INDEX metric_metric_bucket ON metric (metric, granularity, bucket_start) INCLUDE (node_id, field, value);
