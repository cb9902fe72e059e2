-- Search by name for dashboards (GraphQL `search`): substring matches (ILIKE '%word%') on node
-- names, served by a trigram index instead of a scan of every node. pg_trgm ships with
-- PostgreSQL (contrib; a trusted extension, so a database owner may create it) and with PGlite
-- (loaded by the embedded store). Namespaces are few and short: matching them needs no index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX node_name_trgm ON node USING gin (name gin_trgm_ops);
