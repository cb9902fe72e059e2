-- Runs by the graph version they were recorded at, in a btree: the alert engine's freshness source
-- asks at every evaluation which runs were recorded since the previous one (readFreshnessTouched).
-- The BRIN index on run.from_version answers that by scanning every block not summarized yet (all
-- the blocks written since the last VACUUM), which grows with the run history; this finds the few
-- new runs, with their computations, from the index alone. Runs arrive one per job execution, far
-- fewer rows than a platform load's edges, so the btree costs little at ingest.
CREATE INDEX run_recorded ON run (from_version, computation_id);
