-- Incidents, alerts and their webhook outbox (issue 24, docs/alerts.md). None of this is a graph
-- fact: no validity interval, no changeset. Each table keeps its history as appended rows.
-- node_id is not a foreign key, as elsewhere: the route checks the node exists when it is named.

-- An incident a person opened on an asset (or some of its fields) or a computation. The row holds
-- its current state; incident_event holds every change (opened, resolved) with who and why.
CREATE TABLE incident (
  id           bigserial PRIMARY KEY,
  node_id      text COLLATE "C" NOT NULL,
  node_type    text NOT NULL,
  namespace    text NOT NULL,
  name         text NOT NULL,
  fields       text[] NOT NULL DEFAULT '{}',
  severity     text NOT NULL CHECK (severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
  status       text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
  note         text NOT NULL,
  opened_by    text NOT NULL,
  opened_at    timestamptz NOT NULL DEFAULT now(),
  resolved_by  text,
  resolved_at  timestamptz,
  resolve_note text
);
-- "The open incidents" is what the alert engine asks on every evaluation.
CREATE INDEX incident_open ON incident (id) WHERE status = 'OPEN';
CREATE INDEX incident_node ON incident (node_id, id);

CREATE TABLE incident_event (
  id          bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incident (id),
  event       text NOT NULL CHECK (event IN ('OPENED', 'RESOLVED')),
  actor       text NOT NULL,
  note        text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_event_incident ON incident_event (incident_id, id);

-- One alert per root cause (docs/alerts.md). `state` is what the alert says now (its causes, the
-- reached nodes with their evidence paths, the traffic summary): replaced at each revision, while
-- alert_event keeps every revision's state, so the history is the list of its events.
CREATE TABLE alert (
  id          text COLLATE "C" PRIMARY KEY,
  root_key    text NOT NULL,
  status      text NOT NULL CHECK (status IN ('OPEN', 'RESOLVED')),
  severity    text NOT NULL CHECK (severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
  summary     text NOT NULL,
  revision    integer NOT NULL,
  opened_at   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  resolved_at timestamptz,
  graph_version bigint NOT NULL,
  state       jsonb NOT NULL
);
CREATE INDEX alert_status ON alert (status, severity);

CREATE TABLE alert_event (
  alert_id      text COLLATE "C" NOT NULL REFERENCES alert (id),
  revision      integer NOT NULL,
  event         text NOT NULL CHECK (event IN ('OPENED', 'CHANGED', 'RESOLVED')),
  at            timestamptz NOT NULL,
  graph_version bigint NOT NULL,
  severity      text NOT NULL,
  summary       text NOT NULL,
  state         jsonb NOT NULL,
  PRIMARY KEY (alert_id, revision)
);

-- The webhook outbox: one row per (endpoint, alert event), inserted in the transaction that
-- records the event, so an event is never lost and ingest never waits for a receiver. The sender
-- takes due rows, posts them, and records each attempt in webhook_attempt (the delivery log).
-- idempotency_key is the same on every retry of a row: receivers de-duplicate on it.
CREATE TABLE webhook_outbox (
  id              bigserial PRIMARY KEY,
  endpoint        text NOT NULL,
  idempotency_key text NOT NULL,
  alert_id        text COLLATE "C" NOT NULL,
  revision        integer NOT NULL,
  event           text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  last_error      text,
  UNIQUE (endpoint, idempotency_key)
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at, id) WHERE status = 'PENDING';

CREATE TABLE webhook_attempt (
  id          bigserial PRIMARY KEY,
  outbox_id   bigint NOT NULL REFERENCES webhook_outbox (id),
  attempt     integer NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  http_status integer,
  error       text,
  duration_ms double precision NOT NULL
);
CREATE INDEX webhook_attempt_outbox ON webhook_attempt (outbox_id, id);
