//! The journal's schema, one upgrade step per version. Version 1 is the
//! first released schema; a later version is added as a new step (never by
//! editing an old one), and gets a frozen fixture in
//! `core/tests/fixtures/journal/`.
//!
//! Every time is three columns: `<name>_ms` (UTC milliseconds),
//! `<name>_offset` (UTC offset in minutes) and `<name>_zone` (IANA name).
//! Ids are random hyphenated text and never reused. Version 2 adds sync:
//! per-record field stamps (`sync_*` columns), tombstones
//! (`sync_tombstones`) and the device's persisted hybrid logical clock
//! (`sync_clock`). Version 3 readies the core for the phone apps (see
//! [`V3`]): session outcomes, patch tests, and the device-local tables.

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

/// Step 1 → 2: sync. Every synced table gets three columns: `sync_stamps`
/// (the record's field stamps, the JSON of `sync::codec::Stamps`),
/// `sync_seen` (the digest of the last sync-file line the record was
/// imported from, while the record still equals that line; any local write
/// clears it, so a re-imported identical line is known unchanged without
/// decoding it) and `sync_conflicts` (how many concurrent free-text versions
/// it keeps). A deleted record leaves only its tombstone in
/// `sync_tombstones`. Session events are immutable and carry an implicit
/// stamp (their time), so the durable hot path writes nothing more. Existing
/// records get an initial stamp: their own time, device `migrated-v1`; the
/// clock starts past all of them. Nothing is deleted.
pub const V2: &str = r#"
CREATE TABLE sync_clock (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    hlc INTEGER NOT NULL CHECK (hlc >= 0)
) STRICT;

CREATE TABLE sync_tombstones (
    tbl TEXT NOT NULL,
    record_id TEXT NOT NULL,
    stamps TEXT NOT NULL,
    PRIMARY KEY (tbl, record_id)
) STRICT, WITHOUT ROWID;

ALTER TABLE profile ADD COLUMN sync_stamps TEXT;
ALTER TABLE profile ADD COLUMN sync_seen BLOB;
ALTER TABLE profile ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rollers ADD COLUMN sync_stamps TEXT;
ALTER TABLE rollers ADD COLUMN sync_seen BLOB;
ALTER TABLE rollers ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN sync_stamps TEXT;
ALTER TABLE sessions ADD COLUMN sync_seen BLOB;
ALTER TABLE sessions ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE check_ins ADD COLUMN sync_stamps TEXT;
ALTER TABLE check_ins ADD COLUMN sync_seen BLOB;
ALTER TABLE check_ins ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scars ADD COLUMN sync_stamps TEXT;
ALTER TABLE scars ADD COLUMN sync_seen BLOB;
ALTER TABLE scars ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scar_ratings ADD COLUMN sync_stamps TEXT;
ALTER TABLE scar_ratings ADD COLUMN sync_seen BLOB;
ALTER TABLE scar_ratings ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE photos ADD COLUMN sync_stamps TEXT;
ALTER TABLE photos ADD COLUMN sync_seen BLOB;
ALTER TABLE photos ADD COLUMN sync_conflicts INTEGER NOT NULL DEFAULT 0;

UPDATE profile SET sync_stamps = '{"s":[' || (max(updated_ms, 0) * 65536) || ',"migrated-v1"]}';
UPDATE rollers SET sync_stamps = '{"s":[' || (max(first_use_ms, 0) * 65536) || ',"migrated-v1"]}';
UPDATE sessions SET sync_stamps = '{"s":[' || (max(ended_ms, 0) * 65536) || ',"migrated-v1"]}';
UPDATE check_ins SET sync_stamps = '{"s":[' || (max(coalesce(cleared_ms, at_ms), 0) * 65536) || ',"migrated-v1"]}';
UPDATE scars SET sync_stamps = '{"s":[' || (max(created_ms, 0) * 65536) || ',"migrated-v1"]}';
UPDATE scar_ratings SET sync_stamps = '{"s":[' || (max(at_ms, 0) * 65536) || ',"migrated-v1"]}';
UPDATE photos SET sync_stamps = '{"s":[' || (max(taken_ms, 0) * 65536) || ',"migrated-v1"]}';

INSERT INTO sync_clock (singleton, hlc) SELECT 1, max(0,
    coalesce((SELECT max(updated_ms) FROM profile), 0),
    coalesce((SELECT max(first_use_ms) FROM rollers), 0),
    coalesce((SELECT max(ended_ms) FROM sessions), 0),
    coalesce((SELECT max(max(coalesce(cleared_ms, at_ms), at_ms)) FROM check_ins), 0),
    coalesce((SELECT max(created_ms) FROM scars), 0),
    coalesce((SELECT max(at_ms) FROM scar_ratings), 0),
    coalesce((SELECT max(taken_ms) FROM photos), 0)) * 65536;
"#;

/// Step 2 → 3: the core ready for the phone apps.
///
/// - `sessions` is rebuilt (SQLite cannot relax a NOT NULL): `outcome`
///   (`completed`, or `abandoned` after at least one pass), `discomfort`
///   null until the person rates the session. A session is now recorded
///   when rolling ends, and `ended` is that moment (aftercare counts from
///   it); existing sessions are completed ones. Every row is copied.
/// - `patch_tests`: a patch test started with a needle length, read after
///   the protocol's wait, passed or reacted (synced).
/// - `check_ins.kind` (the sting check, the morning check or a later one),
///   `scars.name` and `scars.archived_*`, `photos.session_id`.
/// - The device-local part, never synced and never exported (`local_*`):
///   this device's reminder and session preferences, the timers the
///   person started, and the notifications the device holds now.
///
/// Every record's stamps stay valid (new fields take the record's base
/// stamp); `sync_seen` is cleared because the records' lines changed.
/// Nothing is deleted.
pub const V3: &str = r#"
CREATE TABLE sessions_v3 (
    id TEXT PRIMARY KEY NOT NULL,
    roller_id TEXT NOT NULL REFERENCES rollers(id),
    started_ms INTEGER NOT NULL, started_offset INTEGER NOT NULL, started_zone TEXT NOT NULL,
    ended_ms INTEGER NOT NULL, ended_offset INTEGER NOT NULL, ended_zone TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'abandoned')),
    discomfort INTEGER CHECK (discomfort BETWEEN 0 AND 10),
    notes TEXT NOT NULL,
    sync_stamps TEXT,
    sync_seen BLOB,
    sync_conflicts INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO sessions_v3 (id, roller_id, started_ms, started_offset, started_zone,
        ended_ms, ended_offset, ended_zone, outcome, discomfort, notes,
        sync_stamps, sync_seen, sync_conflicts)
    SELECT id, roller_id, started_ms, started_offset, started_zone,
        ended_ms, ended_offset, ended_zone, 'completed', discomfort, notes,
        sync_stamps, NULL, sync_conflicts FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_v3 RENAME TO sessions;
CREATE INDEX sessions_by_time ON sessions (ended_ms, id);
CREATE INDEX sessions_by_roller ON sessions (roller_id);

CREATE TABLE patch_tests (
    id TEXT PRIMARY KEY NOT NULL,
    needle_um INTEGER NOT NULL CHECK (needle_um > 0),
    started_ms INTEGER NOT NULL, started_offset INTEGER NOT NULL, started_zone TEXT NOT NULL,
    read_ms INTEGER, read_offset INTEGER, read_zone TEXT,
    result TEXT CHECK (result IN ('passed', 'reacted')),
    notes TEXT NOT NULL,
    sync_stamps TEXT,
    sync_seen BLOB,
    sync_conflicts INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX patch_tests_by_time ON patch_tests (started_ms, id);

ALTER TABLE check_ins ADD COLUMN kind TEXT NOT NULL DEFAULT 'follow_up';
ALTER TABLE scars ADD COLUMN name TEXT NOT NULL DEFAULT '';
ALTER TABLE scars ADD COLUMN archived_ms INTEGER;
ALTER TABLE scars ADD COLUMN archived_offset INTEGER;
ALTER TABLE scars ADD COLUMN archived_zone TEXT;
ALTER TABLE photos ADD COLUMN session_id TEXT REFERENCES sessions(id);
CREATE INDEX photos_by_area ON photos (area, taken_ms);
CREATE INDEX photos_by_session ON photos (session_id) WHERE session_id IS NOT NULL;

UPDATE profile SET sync_seen = NULL;
UPDATE rollers SET sync_seen = NULL;
UPDATE check_ins SET sync_seen = NULL;
UPDATE scars SET sync_seen = NULL;
UPDATE scar_ratings SET sync_seen = NULL;
UPDATE photos SET sync_seen = NULL;

-- This device's settings (one row once the person changes one; a missing
-- value takes the protocol table's default).
CREATE TABLE local_preferences (
    singleton INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
    wake_hour INTEGER CHECK (wake_hour BETWEEN 0 AND 23),
    wake_minute INTEGER CHECK (wake_minute BETWEEN 0 AND 59),
    lead_minutes INTEGER CHECK (lead_minutes >= 0),
    quiet_start_hour INTEGER, quiet_start_minute INTEGER,
    quiet_end_hour INTEGER, quiet_end_minute INTEGER,
    interval_days INTEGER CHECK (interval_days > 0),
    cue_cadence_seconds INTEGER CHECK (cue_cadence_seconds > 0),
    passes_vertical INTEGER CHECK (passes_vertical > 0),
    passes_horizontal INTEGER CHECK (passes_horizontal > 0),
    reminders INTEGER NOT NULL DEFAULT 1,
    speech INTEGER NOT NULL DEFAULT 1,
    haptics INTEGER NOT NULL DEFAULT 1,
    voice_commands INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Timers the person started on this device (the mask timer).
CREATE TABLE local_timers (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    started_ms INTEGER NOT NULL, started_offset INTEGER NOT NULL, started_zone TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    session_id TEXT
) STRICT;

-- The notifications this device holds now, as the shell reported them
-- (Android cannot list its pending alarms).
CREATE TABLE local_held_notifications (
    id TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;
"#;

/// The upgrade steps: `STEPS[n]` takes the schema from version `n` to `n + 1`.
pub const STEPS: &[&str] = &[V1, V2, V3];

/// The newest schema version this build knows.
pub const CURRENT_VERSION: u32 = STEPS.len() as u32;
