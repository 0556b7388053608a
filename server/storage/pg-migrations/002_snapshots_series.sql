-- Continuous journeys (#13): named snapshots of a workshop's documents (compacted Yjs state,
-- one row per document), and the series a workshop belongs to. As SQLite's user_version 4.
CREATE TABLE snapshots (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  kind TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  bytes BIGINT NOT NULL
);
CREATE INDEX snapshots_workshop ON snapshots(workshop_id, created_at);

CREATE TABLE snapshot_docs (
  snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  doc_name TEXT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (snapshot_id, doc_name)
);

ALTER TABLE workshops ADD COLUMN series_id TEXT;
CREATE INDEX workshops_series ON workshops(series_id);
