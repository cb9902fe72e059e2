-- An edge's fact key is its source node's id, U+001F, its target node's id (graph-model/ids.ts
-- edgeKey), and the key column sorts bytewise (COLLATE "C"), so the primary key already finds a
-- node's outgoing edges: the key range [id || U+001F, id || U+0020). The separate index on
-- (from_id, from_version) cost a third of the time to load a large changeset's edges, for lookups
-- the primary key answers.
DROP INDEX edge_from;
