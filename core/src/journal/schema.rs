//! The journal's schema, one upgrade step per version. Version 1 is the
//! first released schema; a later version is added as a new step (never by
//! editing an old one), and gets a frozen fixture in
//! `core/tests/fixtures/journal/`.
//!
//! Every time is three columns: `<name>_ms` (UTC milliseconds),
//! `<name>_offset` (UTC offset in minutes) and `<name>_zone` (IANA name).
//! Ids are random hyphenated text and never reused; there are no deletes of
//! records yet (sync will add soft-delete columns as schema v2).

/// Step 0 → 1: the first schema.
pub const V1: &str = "
CREATE TABLE profile (
    id TEXT PRIMARY KEY NOT NULL,
    singleton INTEGER NOT NULL UNIQUE CHECK (singleton = 1),
    sensitivity TEXT NOT NULL,
    experience TEXT NOT NULL,
    bedtime_hour INTEGER NOT NULL CHECK (bedtime_hour BETWEEN 0 AND 23),
    bedtime_minute INTEGER NOT NULL CHECK (bedtime_minute BETWEEN 0 AND 59),
    time_zone TEXT NOT NULL,
    updated_ms INTEGER NOT NULL, updated_offset INTEGER NOT NULL, updated_zone TEXT NOT NULL
) STRICT;

CREATE TABLE rollers (
    id TEXT PRIMARY KEY NOT NULL,
    needle_um INTEGER NOT NULL CHECK (needle_um > 0),
    first_use_ms INTEGER NOT NULL, first_use_offset INTEGER NOT NULL, first_use_zone TEXT NOT NULL,
    uses INTEGER NOT NULL CHECK (uses >= 0),
    retired_ms INTEGER, retired_offset INTEGER, retired_zone TEXT
) STRICT;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    roller_id TEXT NOT NULL REFERENCES rollers(id),
    started_ms INTEGER NOT NULL, started_offset INTEGER NOT NULL, started_zone TEXT NOT NULL,
    ended_ms INTEGER NOT NULL, ended_offset INTEGER NOT NULL, ended_zone TEXT NOT NULL,
    discomfort INTEGER NOT NULL CHECK (discomfort BETWEEN 0 AND 10),
    notes TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_time ON sessions (ended_ms, id);
CREATE INDEX sessions_by_roller ON sessions (roller_id);

CREATE TABLE session_areas (
    session_id TEXT NOT NULL REFERENCES sessions(id),
    position INTEGER NOT NULL,
    area TEXT NOT NULL,
    vertical_passes INTEGER NOT NULL,
    horizontal_passes INTEGER NOT NULL,
    endpoint TEXT NOT NULL,
    PRIMARY KEY (session_id, position),
    UNIQUE (session_id, area)
) STRICT;

-- The hot path (one row per guided-session event, committed durably): one
-- b-tree, clustered by session. `state_json` is the session machine's state
-- after the event; it is kept on the latest event of the session in progress
-- only (recording the next event clears it on the previous one, usually the
-- same page), so an event with its state is one row in one transaction. The
-- random id is not indexed (it is generated here and checked on import).
CREATE TABLE session_events (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    at_ms INTEGER NOT NULL, at_offset INTEGER NOT NULL, at_zone TEXT NOT NULL,
    event_json TEXT NOT NULL,
    state_json TEXT,
    PRIMARY KEY (session_id, seq)
) STRICT, WITHOUT ROWID;

-- Which session is in progress (written when it starts, removed when it
-- finishes or is abandoned; its state is on its latest event).
CREATE TABLE in_progress (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    session_id TEXT NOT NULL
) STRICT;

CREATE TABLE check_ins (
    id TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    at_ms INTEGER NOT NULL, at_offset INTEGER NOT NULL, at_zone TEXT NOT NULL,
    stinging INTEGER NOT NULL, redness INTEGER NOT NULL, dryness INTEGER NOT NULL,
    swelling INTEGER NOT NULL, swelling_spreading INTEGER NOT NULL,
    pus INTEGER NOT NULL, fever INTEGER NOT NULL,
    notes TEXT NOT NULL,
    red_flag INTEGER NOT NULL,
    cleared_ms INTEGER, cleared_offset INTEGER, cleared_zone TEXT
) STRICT;
CREATE INDEX check_ins_by_session ON check_ins (session_id);
CREATE INDEX check_ins_open_flags ON check_ins (red_flag, cleared_ms);

CREATE TABLE scars (
    id TEXT PRIMARY KEY NOT NULL,
    area TEXT NOT NULL,
    kind TEXT NOT NULL,
    baseline INTEGER NOT NULL CHECK (baseline BETWEEN 0 AND 10),
    notes TEXT NOT NULL,
    created_ms INTEGER NOT NULL, created_offset INTEGER NOT NULL, created_zone TEXT NOT NULL
) STRICT;

CREATE TABLE scar_ratings (
    id TEXT PRIMARY KEY NOT NULL,
    scar_id TEXT NOT NULL REFERENCES scars(id),
    at_ms INTEGER NOT NULL, at_offset INTEGER NOT NULL, at_zone TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
    notes TEXT NOT NULL
) STRICT;
CREATE INDEX scar_ratings_by_scar ON scar_ratings (scar_id, at_ms);

CREATE TABLE photos (
    id TEXT PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    taken_ms INTEGER NOT NULL, taken_offset INTEGER NOT NULL, taken_zone TEXT NOT NULL,
    area TEXT NOT NULL,
    content_hash TEXT NOT NULL
) STRICT;
";

/// The upgrade steps: `STEPS[n]` takes the schema from version `n` to `n + 1`.
pub const STEPS: &[&str] = &[V1];

/// The newest schema version this build knows.
pub const CURRENT_VERSION: u32 = STEPS.len() as u32;
