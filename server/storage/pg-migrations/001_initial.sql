-- Horizon on PostgreSQL: the same tables as the SQLite store (sqliteSchema.ts, versions 1–3).
CREATE TABLE workshops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  -- Bumped when the facilitator replaces the viewer link.
  viewer_generation INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id),
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  -- Set when the facilitator removed the participant: its token is refused from then on.
  removed_at BIGINT
);
CREATE INDEX participants_workshop ON participants(workshop_id, created_at, id);

-- One row per accepted update, appended before it is relayed; compaction swaps a run of rows
-- for one snapshot row that takes the seq of the last row it replaces.
CREATE TABLE doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  doc_name TEXT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_doc ON doc_updates(workshop_id, doc_name, seq);

-- Who first wrote with each Yjs client id of a document (README "Security").
CREATE TABLE client_owners (
  workshop_id TEXT NOT NULL,
  doc_name TEXT NOT NULL,
  client_id BIGINT NOT NULL,
  owner TEXT NOT NULL,
  PRIMARY KEY (workshop_id, doc_name, client_id)
);
