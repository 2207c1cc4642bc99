//! The whole journal as versioned JSON, written as a stream (one record at a
//! time from one read snapshot), so a large journal never sits in memory.
//! Importing it into an empty journal gives an identical journal.

use std::io::Write;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use super::error::Result;
use super::store;
use super::Journal;

/// The `format` field of an export.
pub const FORMAT: &str = "dermaroll-journal";
/// The export version this build writes (and the newest it reads).
/// Version 2 adds patch tests, session outcomes, unrated sessions, check-in
/// kinds, scar names and archiving, and photos linked to a session; a
/// version 1 export still imports (the new fields take their defaults).
pub const EXPORT_VERSION: u32 = 2;

fn array<W: Write, T: Serialize>(
    out: &mut W,
    conn: &Connection,
    name: &str,
    sql: &str,
    read: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    finish: impl Fn(&Connection, &mut T) -> Result<()>,
) -> Result<()> {
    write!(out, ",\n\"{name}\":[")?;
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut first = true;
    while let Some(row) = rows.next()? {
        let mut record = read(row)?;
        finish(conn, &mut record)?;
        out.write_all(if first { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *out, &record).map_err(std::io::Error::from)?;
        first = false;
    }
    out.write_all(b"]")?;
    Ok(())
}

fn none<T>(_: &Connection, _: &mut T) -> Result<()> {
    Ok(())
}

impl Journal {
    /// Writes the whole journal as JSON to `out`, from one consistent snapshot.
    pub fn export_json<W: Write>(&self, out: W) -> Result<()> {
        let mut out = std::io::BufWriter::new(out);
        self.read(|tx| {
            write!(
                out,
                "{{\"format\":\"{FORMAT}\",\"version\":{EXPORT_VERSION}"
            )?;
            let profile = store::find_profile(tx)?;
            write!(out, ",\n\"profile\":")?;
            serde_json::to_writer(&mut out, &profile).map_err(std::io::Error::from)?;
            let in_progress = tx
                .query_row(store::IN_PROGRESS_SQL, [], store::in_progress_row)
                .optional()?;
            write!(out, ",\n\"in_progress\":")?;
            serde_json::to_writer(&mut out, &in_progress).map_err(std::io::Error::from)?;
            let by_id = |cols: &str, table: &str| format!("SELECT {cols} FROM {table} ORDER BY id");
            array(
                &mut out,
                tx,
                "rollers",
                &by_id(store::ROLLER_COLS, "rollers"),
                store::roller_row,
                none,
            )?;
            array(
                &mut out,
                tx,
                "sessions",
                &by_id(store::SESSION_COLS, "sessions"),
                store::session_row,
                |conn, session| {
                    session.areas = store::session_areas(conn, &session.id)?;
                    Ok(())
                },
            )?;
            array(
                &mut out,
                tx,
                "session_events",
                &format!(
                    "SELECT {} FROM session_events ORDER BY session_id, seq",
                    store::EVENT_COLS
                ),
                store::event_row,
                none,
            )?;
            array(
                &mut out,
                tx,
                "check_ins",
                &by_id(store::CHECK_IN_COLS, "check_ins"),
                store::check_in_row,
                none,
            )?;
            array(
                &mut out,
                tx,
                "scars",
                &by_id(store::SCAR_COLS, "scars"),
                store::scar_row,
                none,
            )?;
            array(
                &mut out,
                tx,
                "scar_ratings",
                &by_id(store::RATING_COLS, "scar_ratings"),
                store::rating_row,
                none,
            )?;
            array(
                &mut out,
                tx,
                "photos",
                &by_id(store::PHOTO_COLS, "photos"),
                store::photo_row,
                none,
            )?;
            array(
                &mut out,
                tx,
                "patch_tests",
                &by_id(store::PATCH_TEST_COLS, "patch_tests"),
                store::patch_test_row,
                none,
            )?;
            out.write_all(b"\n}\n")?;
            Ok(())
        })?;
        out.flush()?;
        Ok(())
    }
}
