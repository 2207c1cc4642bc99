//! Rows in and out: how each record maps to its table. Shared by the write
//! API, the queries, the exports and the import, so a record is written and
//! read one way only.

use chrono::DateTime;
use rusqlite::types::Type;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{de::DeserializeOwned, Serialize};

use super::error::{JournalError, RecordKind, Result};
use super::records::{
    AreaRecord, CheckIn, CheckInInput, InProgressSession, Moment, PatchTest, Photo, PhotoInput,
    Profile, RecordedSessionEvent, Roller, Scar, ScarInput, ScarRating, SessionRecord,
};
use crate::protocol::NeedleLength;

/// A stored-value error for column `idx`.
pub fn corrupt(idx: usize, detail: impl Into<String>) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, detail.into().into())
}

/// An enum's snake_case name, as stored.
pub fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        other => format!("{other:?}"),
    }
}

/// An enum read back from its stored name.
pub fn enum_at<T: DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    use serde::de::IntoDeserializer;
    let text = row.get_ref(idx)?.as_str()?;
    let reading: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        text.into_deserializer();
    T::deserialize(reading).map_err(|_| corrupt(idx, format!("unknown value {text:?}")))
}

/// The stored milliseconds of a moment.
pub fn ms(moment: &Moment) -> i64 {
    moment.at.timestamp_millis()
}

/// A moment truncated to what the journal stores (whole milliseconds).
pub fn stored(moment: &Moment) -> Moment {
    Moment {
        at: DateTime::from_timestamp_millis(ms(moment)).unwrap_or(moment.at),
        ..moment.clone()
    }
}

/// The moment stored in columns `idx`, `idx + 1`, `idx + 2`.
pub fn moment_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Moment> {
    let millis: i64 = row.get(idx)?;
    Ok(Moment {
        at: DateTime::from_timestamp_millis(millis)
            .ok_or_else(|| corrupt(idx, format!("{millis} ms is out of range")))?,
        utc_offset_minutes: row.get(idx + 1)?,
        zone: row.get(idx + 2)?,
    })
}

/// An optional moment in three nullable columns.
pub fn opt_moment_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Moment>> {
    match row.get::<_, Option<i64>>(idx)? {
        None => Ok(None),
        Some(_) => moment_at(row, idx).map(Some),
    }
}

fn opt_parts(moment: Option<&Moment>) -> (Option<i64>, Option<i32>, Option<&str>) {
    match moment {
        Some(m) => (
            Some(ms(m)),
            Some(m.utc_offset_minutes),
            Some(m.zone.as_str()),
        ),
        None => (None, None, None),
    }
}

// ---- profile

/// Columns read by [`profile_row`].
pub const PROFILE_COLS: &str = "id, sensitivity, experience, bedtime_hour, bedtime_minute, time_zone, updated_ms, updated_offset, updated_zone";

/// Reads a profile row.
pub fn profile_row(row: &Row<'_>) -> rusqlite::Result<Profile> {
    Ok(Profile {
        id: row.get(0)?,
        sensitivity: enum_at(row, 1)?,
        experience: enum_at(row, 2)?,
        bedtime_hour: row.get(3)?,
        bedtime_minute: row.get(4)?,
        time_zone: row.get(5)?,
        updated: moment_at(row, 6)?,
    })
}

/// Writes the profile (the one row).
pub fn put_profile(conn: &Connection, p: &Profile) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO profile (id, singleton, sensitivity, experience, bedtime_hour, bedtime_minute, time_zone, updated_ms, updated_offset, updated_zone)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (singleton) DO UPDATE SET sensitivity = ?2, experience = ?3, bedtime_hour = ?4,
           bedtime_minute = ?5, time_zone = ?6, updated_ms = ?7, updated_offset = ?8, updated_zone = ?9",
    )?
    .execute(params![
        p.id,
        enum_text(&p.sensitivity),
        enum_text(&p.experience),
        p.bedtime_hour,
        p.bedtime_minute,
        p.time_zone,
        ms(&p.updated),
        p.updated.utc_offset_minutes,
        p.updated.zone
    ])?;
    Ok(())
}

// ---- rollers

/// Columns read by [`roller_row`].
pub const ROLLER_COLS: &str = "id, needle_um, first_use_ms, first_use_offset, first_use_zone, uses, retired_ms, retired_offset, retired_zone";

/// Reads a roller row.
pub fn roller_row(row: &Row<'_>) -> rusqlite::Result<Roller> {
    let um: u32 = row.get(1)?;
    Ok(Roller {
        id: row.get(0)?,
        needle_mm: f64::from(um) / 1000.0,
        first_use: moment_at(row, 2)?,
        uses: row.get(5)?,
        retired: opt_moment_at(row, 6)?,
    })
}

/// Inserts a roller.
pub fn insert_roller(conn: &Connection, r: &Roller, needle: NeedleLength) -> Result<()> {
    let (rms, roff, rzone) = opt_parts(r.retired.as_ref());
    conn.prepare_cached(
        "INSERT INTO rollers (id, needle_um, first_use_ms, first_use_offset, first_use_zone, uses, retired_ms, retired_offset, retired_zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        r.id,
        needle.micrometres(),
        ms(&r.first_use),
        r.first_use.utc_offset_minutes,
        r.first_use.zone,
        r.uses,
        rms,
        roff,
        rzone
    ])?;
    Ok(())
}

// ---- sessions

/// Columns read by [`session_row`] (areas are read separately).
pub const SESSION_COLS: &str = "id, roller_id, started_ms, started_offset, started_zone, ended_ms, ended_offset, ended_zone, discomfort, notes, outcome";

/// Reads a session row, without its areas.
pub fn session_row(row: &Row<'_>) -> rusqlite::Result<SessionRecord> {
    Ok(SessionRecord {
        id: row.get(0)?,
        roller_id: row.get(1)?,
        started: moment_at(row, 2)?,
        ended: moment_at(row, 5)?,
        outcome: enum_at(row, 10)?,
        areas: Vec::new(),
        discomfort: row.get(8)?,
        notes: row.get(9)?,
    })
}

/// The areas of one session, in order.
pub fn session_areas(conn: &Connection, session_id: &str) -> Result<Vec<AreaRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT area, vertical_passes, horizontal_passes, endpoint FROM session_areas
         WHERE session_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([session_id], |row| {
        Ok(AreaRecord {
            area: enum_at(row, 0)?,
            vertical_passes: row.get(1)?,
            horizontal_passes: row.get(2)?,
            endpoint: enum_at(row, 3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inserts a session with its areas.
pub fn insert_session(conn: &Connection, s: &SessionRecord) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sessions (id, roller_id, started_ms, started_offset, started_zone, ended_ms, ended_offset, ended_zone, discomfort, notes, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        s.id,
        s.roller_id,
        ms(&s.started),
        s.started.utc_offset_minutes,
        s.started.zone,
        ms(&s.ended),
        s.ended.utc_offset_minutes,
        s.ended.zone,
        s.discomfort,
        s.notes,
        enum_text(&s.outcome)
    ])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO session_areas (session_id, position, area, vertical_passes, horizontal_passes, endpoint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, a) in s.areas.iter().enumerate() {
        stmt.execute(params![
            s.id,
            position as i64,
            enum_text(&a.area),
            a.vertical_passes,
            a.horizontal_passes,
            enum_text(&a.endpoint)
        ])?;
    }
    Ok(())
}

// ---- session events and the in-progress state

/// Columns read by [`event_row`].
pub const EVENT_COLS: &str = "id, session_id, seq, at_ms, at_offset, at_zone, event_json";

/// Reads a session event row.
pub fn event_row(row: &Row<'_>) -> rusqlite::Result<RecordedSessionEvent> {
    Ok(RecordedSessionEvent {
        id: row.get(0)?,
        session_id: row.get(1)?,
        seq: row.get(2)?,
        at: moment_at(row, 3)?,
        event_json: row.get(6)?,
    })
}

/// Inserts a session event, with the state after it (or none).
pub fn insert_event(
    conn: &Connection,
    e: &RecordedSessionEvent,
    state_json: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO session_events (id, session_id, seq, at_ms, at_offset, at_zone, event_json, state_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        e.id,
        e.session_id,
        e.seq,
        ms(&e.at),
        e.at.utc_offset_minutes,
        e.at.zone,
        e.event_json,
        state_json
    ])?;
    Ok(())
}

/// The session in progress with the state on its latest event.
pub const IN_PROGRESS_SQL: &str =
    "SELECT e.session_id, e.state_json, e.at_ms, e.at_offset, e.at_zone
     FROM in_progress p JOIN session_events e ON e.session_id = p.session_id
     ORDER BY e.seq DESC LIMIT 1";

/// Reads a row of [`IN_PROGRESS_SQL`].
pub fn in_progress_row(row: &Row<'_>) -> rusqlite::Result<InProgressSession> {
    Ok(InProgressSession {
        session_id: row.get(0)?,
        state_json: row.get::<_, Option<String>>(1)?.ok_or_else(|| {
            corrupt(
                1,
                "the latest event of the session in progress has no state",
            )
        })?,
        updated: moment_at(row, 2)?,
    })
}

/// Marks `session_id` as the session in progress.
pub fn set_in_progress(conn: &Connection, session_id: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO in_progress (singleton, session_id) VALUES (1, ?1)
         ON CONFLICT (singleton) DO UPDATE SET session_id = ?1",
    )?
    .execute([session_id])?;
    Ok(())
}

/// Ends `session_id` being in progress: the pointer and its saved state go
/// (its events stay). Returns whether it was in progress.
pub fn end_in_progress(conn: &Connection, session_id: &str) -> Result<bool> {
    let ended = conn
        .prepare_cached("DELETE FROM in_progress WHERE session_id = ?1")?
        .execute([session_id])?;
    conn.prepare_cached(
        "UPDATE session_events SET state_json = NULL WHERE session_id = ?1 AND state_json IS NOT NULL",
    )?
    .execute([session_id])?;
    Ok(ended > 0)
}

// ---- check-ins

/// The check-ins that hold the next session back: a red flag not yet
/// confirmed as cleared. One definition for the hold, the readiness facts
/// and the totals.
pub const UNCLEARED_RED_FLAG: &str = "red_flag = 1 AND cleared_ms IS NULL";

/// Columns read by [`check_in_row`].
pub const CHECK_IN_COLS: &str = "id, session_id, at_ms, at_offset, at_zone, stinging, redness, dryness, swelling, swelling_spreading, pus, fever, notes, cleared_ms, cleared_offset, cleared_zone, kind";

/// Reads a check-in row.
pub fn check_in_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    Ok(CheckIn {
        id: row.get(0)?,
        input: CheckInInput {
            session_id: row.get(1)?,
            kind: enum_at(row, 16)?,
            at: moment_at(row, 2)?,
            stinging: row.get(5)?,
            redness: row.get(6)?,
            dryness: row.get(7)?,
            swelling: row.get(8)?,
            swelling_spreading: row.get(9)?,
            pus: row.get(10)?,
            fever: row.get(11)?,
            notes: row.get(12)?,
        },
        cleared: opt_moment_at(row, 13)?,
    })
}

/// Inserts a check-in with its judged red-flag bit.
pub fn insert_check_in(conn: &Connection, c: &CheckIn, red_flag: bool) -> Result<()> {
    let i = &c.input;
    let (cms, coff, czone) = opt_parts(c.cleared.as_ref());
    conn.prepare_cached(
        "INSERT INTO check_ins (id, session_id, at_ms, at_offset, at_zone, stinging, redness, dryness, swelling,
           swelling_spreading, pus, fever, notes, red_flag, cleared_ms, cleared_offset, cleared_zone, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        c.id,
        i.session_id,
        ms(&i.at),
        i.at.utc_offset_minutes,
        i.at.zone,
        i.stinging,
        i.redness,
        i.dryness,
        i.swelling,
        i.swelling_spreading,
        i.pus,
        i.fever,
        i.notes,
        red_flag,
        cms,
        coff,
        czone,
        enum_text(&i.kind)
    ])?;
    Ok(())
}

// ---- scars, ratings, photos

/// Columns read by [`scar_row`].
pub const SCAR_COLS: &str =
    "id, area, kind, baseline, notes, created_ms, created_offset, created_zone, name, archived_ms, archived_offset, archived_zone";

/// Reads a scar row.
pub fn scar_row(row: &Row<'_>) -> rusqlite::Result<Scar> {
    Ok(Scar {
        id: row.get(0)?,
        input: ScarInput {
            name: row.get(8)?,
            area: enum_at(row, 1)?,
            kind: enum_at(row, 2)?,
            baseline: row.get(3)?,
            notes: row.get(4)?,
        },
        created: moment_at(row, 5)?,
        archived: opt_moment_at(row, 9)?,
    })
}

/// Inserts a scar.
pub fn insert_scar(conn: &Connection, s: &Scar) -> Result<()> {
    let archived = opt_parts(s.archived.as_ref());
    conn.prepare_cached(
        "INSERT INTO scars (id, area, kind, baseline, notes, created_ms, created_offset, created_zone, name, archived_ms, archived_offset, archived_zone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        s.id,
        enum_text(&s.input.area),
        enum_text(&s.input.kind),
        s.input.baseline,
        s.input.notes,
        ms(&s.created),
        s.created.utc_offset_minutes,
        s.created.zone,
        s.input.name,
        archived.0,
        archived.1,
        archived.2
    ])?;
    Ok(())
}

/// Columns read by [`rating_row`].
pub const RATING_COLS: &str = "id, scar_id, at_ms, at_offset, at_zone, rating, notes";

/// Reads a rating row.
pub fn rating_row(row: &Row<'_>) -> rusqlite::Result<ScarRating> {
    Ok(ScarRating {
        id: row.get(0)?,
        scar_id: row.get(1)?,
        at: moment_at(row, 2)?,
        rating: row.get(5)?,
        notes: row.get(6)?,
    })
}

/// Inserts a rating.
pub fn insert_rating(conn: &Connection, r: &ScarRating) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO scar_ratings (id, scar_id, at_ms, at_offset, at_zone, rating, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        r.id,
        r.scar_id,
        ms(&r.at),
        r.at.utc_offset_minutes,
        r.at.zone,
        r.rating,
        r.notes
    ])?;
    Ok(())
}

/// Columns read by [`photo_row`].
pub const PHOTO_COLS: &str =
    "id, file_name, taken_ms, taken_offset, taken_zone, area, content_hash, session_id";

/// Reads a photo row.
pub fn photo_row(row: &Row<'_>) -> rusqlite::Result<Photo> {
    Ok(Photo {
        id: row.get(0)?,
        input: PhotoInput {
            file_name: row.get(1)?,
            taken: moment_at(row, 2)?,
            area: enum_at(row, 5)?,
            content_hash: row.get(6)?,
            session_id: row.get(7)?,
        },
    })
}

/// Inserts a photo reference.
pub fn insert_photo(conn: &Connection, p: &Photo) -> Result<()> {
    let i = &p.input;
    conn.prepare_cached(
        "INSERT INTO photos (id, file_name, taken_ms, taken_offset, taken_zone, area, content_hash, session_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        p.id,
        i.file_name,
        ms(&i.taken),
        i.taken.utc_offset_minutes,
        i.taken.zone,
        enum_text(&i.area),
        i.content_hash,
        i.session_id
    ])?;
    Ok(())
}

// ---- patch tests

/// Columns read by [`patch_test_row`].
pub const PATCH_TEST_COLS: &str = "id, needle_um, started_ms, started_offset, started_zone, read_ms, read_offset, read_zone, result, notes";

/// Reads a patch-test row.
pub fn patch_test_row(row: &Row<'_>) -> rusqlite::Result<PatchTest> {
    let um: u32 = row.get(1)?;
    let result = match row.get_ref(8)? {
        rusqlite::types::ValueRef::Null => None,
        _ => Some(enum_at(row, 8)?),
    };
    Ok(PatchTest {
        id: row.get(0)?,
        needle_mm: f64::from(um) / 1000.0,
        started: moment_at(row, 2)?,
        read: opt_moment_at(row, 5)?,
        result,
        notes: row.get(9)?,
    })
}

/// Inserts a patch test.
pub fn insert_patch_test(conn: &Connection, p: &PatchTest, needle: NeedleLength) -> Result<()> {
    let (rms, roff, rzone) = opt_parts(p.read.as_ref());
    conn.prepare_cached(
        "INSERT INTO patch_tests (id, needle_um, started_ms, started_offset, started_zone, read_ms, read_offset, read_zone, result, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        p.id,
        needle.micrometres(),
        ms(&p.started),
        p.started.utc_offset_minutes,
        p.started.zone,
        rms,
        roff,
        rzone,
        p.result.as_ref().map(enum_text),
        p.notes
    ])?;
    Ok(())
}

/// The profile, if one is set.
pub fn find_profile(conn: &Connection) -> Result<Option<Profile>> {
    Ok(conn
        .query_row(
            &format!("SELECT {PROFILE_COLS} FROM profile"),
            [],
            profile_row,
        )
        .optional()?)
}

/// The profile, or `NotFound` when none is set yet.
pub fn profile(conn: &Connection) -> Result<Profile> {
    find_profile(conn)?
        .ok_or_else(|| JournalError::not_found(RecordKind::Profile, "the person's profile"))
}

/// The scar with `id`, or `NotFound`.
pub fn scar(conn: &Connection, id: &str) -> Result<Scar> {
    conn.query_row(
        &format!("SELECT {SCAR_COLS} FROM scars WHERE id = ?1"),
        [id],
        scar_row,
    )
    .optional()?
    .ok_or_else(|| JournalError::not_found(RecordKind::Scar, id))
}

/// The roller with `id`, or `NotFound`.
pub fn roller(conn: &Connection, id: &str) -> Result<Roller> {
    conn.query_row(
        &format!("SELECT {ROLLER_COLS} FROM rollers WHERE id = ?1"),
        [id],
        roller_row,
    )
    .optional()?
    .ok_or_else(|| JournalError::not_found(RecordKind::Roller, id))
}

/// Whether a row with `id` exists in `table` (a fixed table name from this module).
pub fn exists(conn: &Connection, table: &'static str, id: &str) -> Result<bool> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |row| row.get(0))?)
}

/// `NotFound` unless a record of kind `what` with `id` exists.
pub fn require(conn: &Connection, what: RecordKind, id: &str) -> Result<()> {
    let found = match what.table() {
        Some(table) => exists(conn, table, id)?,
        None => false,
    };
    if found {
        Ok(())
    } else {
        Err(JournalError::not_found(what, id))
    }
}
