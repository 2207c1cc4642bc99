//! Sync storage glue: how a row maps to a sync record (the tables
//! themselves are data in `tables`), how every local write stamps the
//! fields it writes, and how a merged record is read and written back. The pure merge lives in `crate::sync`; this module
//! imports it (never the other way round).
//!
//! A synced record is one row of its table: its values plus the `sync_*`
//! columns (stamps as `sync::codec::Stamps` JSON, the digest of the line it
//! was imported from, its conflict count). A deleted record is one row of
//! `sync_tombstones`. Session events are immutable: their stamp is implicit
//! (their time, device [`EVENT_DEVICE`]), so recording one writes nothing
//! more.
//! The profile is one record under the fixed key `profile`; its row id is an
//! ordinary field, so two devices converge on one. A roller's `uses` travels
//! as its base (uses not counted by sessions); the count is recomputed after
//! an import, so concurrent sessions on two devices both count.

use rusqlite::types::{Null, ToSql, ValueRef};
use rusqlite::{params, Connection, OptionalExtension};

use crate::journal::error::{JournalError, Result};
use crate::journal::records::Moment;
use crate::journal::store;
use crate::sync::codec::{join, Stamps};
use crate::sync::hlc::{from_millis, Clock, Stamp};
use crate::sync::state::{is_free_text, RecordState, Value};
use crate::sync::SyncError;

pub use super::tables::{spec, sqls, Kind, Spec, Sqls, SPECS};
use Kind::{Int, OptInt, OptText, Text};

/// The device of the implicit stamp of a session event.
pub const EVENT_DEVICE: &str = "event";
/// The record id of the profile (one per journal).
pub const PROFILE_KEY: &str = "profile";

/// Reads one row of [`Spec::select`] into a record state.
pub fn record_from_row(spec: &Spec, row: &rusqlite::Row<'_>) -> Result<(String, RecordState)> {
    let id: String = row.get(0)?;
    let mut values = std::collections::BTreeMap::new();
    for (i, (name, _, _)) in spec.fields.iter().enumerate() {
        let value = match row.get_ref(i + 1)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Text(t) => Value::Text(
                String::from_utf8(t.to_vec())
                    .map_err(|_| JournalError::Corrupt(format!("{}.{name}", spec.table)))?,
            ),
            _ => return Err(JournalError::Corrupt(format!("{}.{name}", spec.table))),
        };
        values.insert((*name).to_string(), value);
    }
    let stamps: Option<String> = row.get(spec.fields.len() + 1)?;
    let stamps = match (stamps, spec.table) {
        (Some(json), _) => parse_stamps(&json)?,
        (None, "session_events") => {
            let at = match values.get("at_ms") {
                Some(Value::Int(ms)) => *ms,
                _ => 0,
            };
            Stamps {
                s: Some(Stamp(from_millis(at), EVENT_DEVICE.into())),
                ..Stamps::default()
            }
        }
        (None, table) => {
            return Err(JournalError::Corrupt(format!(
                "{table} {id} has no sync stamps"
            )))
        }
    };
    let record = join(values, stamps).map_err(|e| JournalError::Corrupt(e.to_string()))?;
    Ok((id, record))
}

/// Parses stored stamps.
pub fn parse_stamps(json: &str) -> Result<Stamps> {
    Stamps::from_json(json).map_err(|e| JournalError::Corrupt(format!("sync stamps: {e}")))
}

/// The device's clock as stored.
pub fn load_clock(conn: &Connection) -> Result<Clock> {
    let hlc: i64 = conn
        .prepare_cached("SELECT hlc FROM sync_clock WHERE singleton = 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .unwrap_or(0);
    Ok(Clock::new(u64::try_from(hlc).unwrap_or(0)))
}

/// Persists the device's clock.
pub fn save_clock(conn: &Connection, clock: &Clock) -> Result<()> {
    let hlc = i64::try_from(clock.last()).unwrap_or(i64::MAX);
    conn.prepare_cached(
        "INSERT INTO sync_clock (singleton, hlc) VALUES (1, ?1)
         ON CONFLICT (singleton) DO UPDATE SET hlc = ?1",
    )?
    .execute([hlc])?;
    Ok(())
}

/// A fresh stamp for a local write at `now` (the clock ticks and is saved).
pub fn tick(conn: &Connection, device: &str, now: &Moment) -> Result<Stamp> {
    let mut clock = load_clock(conn)?;
    let hlc = clock.tick(store::ms(now));
    save_clock(conn, &clock)?;
    Ok(Stamp(hlc, device.into()))
}

/// Stamps a record written whole at once (a new record, or the profile).
pub fn stamp_new(
    conn: &Connection,
    device: &str,
    table: &str,
    id: &str,
    now: &Moment,
) -> Result<()> {
    let stamp = tick(conn, device, now)?;
    let stamps = Stamps {
        s: Some(stamp),
        ..Stamps::default()
    };
    put_stamps(conn, table, id, &stamps, 0)
}

/// Stamps the named fields of an existing record (a local edit). A free-text
/// version it overwrites is marked as seen, so it never shows as a conflict.
pub fn stamp_fields(
    conn: &Connection,
    device: &str,
    table: &str,
    id: &str,
    fields: &[&str],
    now: &Moment,
) -> Result<()> {
    let mut stamps = load_stamps(conn, table, id)?
        .ok_or_else(|| JournalError::Corrupt(format!("{table} {id} has no sync stamps")))?;
    let stamp = tick(conn, device, now)?;
    for field in fields {
        let old = stamps.x.get(*field).or(stamps.s.as_ref()).cloned();
        if let (true, Some(old)) = (is_free_text(field), old) {
            let seen = ((*field).to_string(), old);
            if !stamps.dis.contains(&seen) {
                stamps.dis.push(seen);
                stamps.dis.sort();
            }
        }
        stamps.x.insert((*field).to_string(), stamp.clone());
    }
    let conflicts = stamps.lost.len();
    put_stamps(conn, table, id, &stamps, conflicts)
}

/// The row filter of a record: by id, or the profile's one row.
fn where_record(table: &str) -> &'static str {
    if table == "profile" {
        "singleton = 1 AND ?1 = 'profile'"
    } else {
        "id = ?1"
    }
}

/// A live record's stored stamps (`None`: no such record here).
pub fn load_stamps(conn: &Connection, table: &str, id: &str) -> Result<Option<Stamps>> {
    let sql = format!(
        "SELECT sync_stamps FROM {table} WHERE {}",
        where_record(table)
    );
    let json: Option<Option<String>> = conn
        .prepare_cached(&sql)?
        .query_row([id], |row| row.get(0))
        .optional()?;
    json.flatten().map(|json| parse_stamps(&json)).transpose()
}

/// Writes a live record's stamps after a local write (which makes it differ
/// from any line it was imported from).
pub fn put_stamps(
    conn: &Connection,
    table: &str,
    id: &str,
    stamps: &Stamps,
    conflicts: usize,
) -> Result<()> {
    let sql = format!(
        "UPDATE {table} SET sync_stamps = ?2, sync_seen = NULL, sync_conflicts = ?3 WHERE {}",
        where_record(table)
    );
    let changed = conn.prepare_cached(&sql)?.execute(params![
        id,
        stamps.to_json(),
        i64::try_from(conflicts).unwrap_or(i64::MAX)
    ])?;
    if changed != 1 {
        return Err(JournalError::Corrupt(format!(
            "{table} {id} is not here to stamp"
        )));
    }
    Ok(())
}

/// Writes a tombstone: the record stays deleted on every device.
pub fn put_tombstone(conn: &Connection, table: &str, id: &str, stamps: &Stamps) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_tombstones (tbl, record_id, stamps) VALUES (?1, ?2, ?3)
         ON CONFLICT (tbl, record_id) DO UPDATE SET stamps = ?3",
    )?
    .execute(params![table, id, stamps.to_json()])?;
    Ok(())
}

/// Gives every record without stamps one fresh stamp (after a JSON import).
pub fn stamp_unstamped(conn: &Connection, device: &str, now: &Moment) -> Result<()> {
    let stamp = tick(conn, device, now)?;
    let json = Stamps {
        s: Some(stamp),
        ..Stamps::default()
    }
    .to_json();
    for spec in SPECS.iter().filter(|s| s.table != "session_events") {
        conn.execute(
            &format!(
                "UPDATE {} SET sync_stamps = ?1 WHERE sync_stamps IS NULL",
                spec.table
            ),
            [&json],
        )?;
    }
    Ok(())
}

/// A malformed-file error.
pub fn malformed(detail: impl Into<String>) -> JournalError {
    JournalError::Sync(SyncError::Malformed(detail.into()))
}

/// Checks that a live incoming record has exactly the table's fields, each
/// of the right kind.
pub fn check_shape(spec: &Spec, id: &str, record: &RecordState) -> Result<()> {
    if record.deleted.is_some() {
        if !spec.deletable {
            return Err(malformed(format!(
                "{} records cannot be deleted",
                spec.table
            )));
        }
        return Ok(());
    }
    if record.fields.len() != spec.fields.len() {
        return Err(malformed(format!("{} {id}: wrong fields", spec.table)));
    }
    for (name, _, kind) in spec.fields {
        let ok = matches!(
            (record.fields.get(*name).map(|f| &f.value), kind),
            (Some(Value::Int(_)), Int | OptInt)
                | (Some(Value::Text(_)), Text | OptText)
                | (Some(Value::Null), OptInt | OptText)
        );
        if !ok {
            return Err(malformed(format!("{} {id}: field {name}", spec.table)));
        }
    }
    Ok(())
}

/// The sync columns of a merged record's row.
#[derive(Debug)]
pub struct SyncColumns<'a> {
    /// The stamps (JSON of [`Stamps`]).
    pub stamps: String,
    /// The digest of the line the record now equals, if any.
    pub seen: Option<&'a [u8]>,
    /// How many lost free-text versions it keeps.
    pub conflicts: i64,
}

/// Writes a merged live record's values and sync columns to its table (and
/// a session's areas) with `write`, its table's [`Sqls::insert`] when the
/// journal has never known the record, else its [`Sqls::upsert`] (prepared
/// once per batch by the caller). Session events take no sync columns.
pub fn write_values(
    conn: &Connection,
    write: &mut rusqlite::Statement<'_>,
    spec: &Spec,
    id: &str,
    record: &RecordState,
    sync: Option<&SyncColumns<'_>>,
) -> Result<()> {
    let mut values: Vec<&dyn ToSql> = Vec::with_capacity(spec.fields.len() + 4);
    values.push(&id);
    for name in &sqls(spec).columns {
        values.push(match record.fields.get(*name).map(|f| &f.value) {
            Some(Value::Int(n)) => n,
            Some(Value::Text(t)) => t,
            _ => &Null,
        });
    }
    if let Some(sync) = sync {
        values.extend([&sync.stamps as &dyn ToSql, &sync.seen, &sync.conflicts]);
    }
    write
        .execute(values.as_slice())
        .map_err(|e| malformed(format!("{} {id}: {e}", spec.table)))?;
    if spec.table == "sessions" {
        write_areas(conn, id, record)?;
    }
    Ok(())
}

fn write_areas(conn: &Connection, id: &str, record: &RecordState) -> Result<()> {
    let text = match record.fields.get("areas").map(|f| &f.value) {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    };
    conn.prepare_cached("DELETE FROM session_areas WHERE session_id = ?1")?
        .execute([id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO session_areas (session_id, position, area, vertical_passes, horizontal_passes, endpoint)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, area) in text.split(',').filter(|a| !a.is_empty()).enumerate() {
        let parts: Vec<&str> = area.split(':').collect();
        let [name, vertical, horizontal, endpoint] = parts.as_slice() else {
            return Err(malformed(format!("session {id}: areas")));
        };
        let passes = |p: &str| {
            p.parse::<u32>()
                .map_err(|_| malformed(format!("session {id}: areas")))
        };
        insert
            .execute(params![
                id,
                position as i64,
                name,
                passes(vertical)?,
                passes(horizontal)?,
                endpoint
            ])
            .map_err(|e| malformed(format!("session {id}: areas: {e}")))?;
    }
    Ok(())
}

/// Which written rows to read back.
#[derive(Debug, Clone, Copy)]
pub enum Written<'a> {
    /// One row, by id (the profile: its one row).
    Id(&'a str),
    /// The rows with rowids from `.0` to `.1`: the rows a batch inserted.
    Rowids(i64, i64),
}

/// Reads written rows back through the journal's own typed readers, so a
/// value the journal could not read later (an unknown enum, a bad time)
/// refuses the file now. Session events: see [`read_back_event`].
pub fn read_back(conn: &Connection, spec: &Spec, written: Written<'_>) -> Result<()> {
    fn rows<T>(
        conn: &Connection,
        cols: &str,
        spec: &Spec,
        written: Written<'_>,
        read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        let t = spec.table;
        match written {
            Written::Id(id) => {
                let sql = format!("SELECT {cols} FROM {t} WHERE {}", where_record(t));
                let mut stmt = conn.prepare_cached(&sql)?;
                let found = stmt.query_map([id], read)?;
                found.collect()
            }
            Written::Rowids(first, last) => {
                let sql = format!("SELECT {cols} FROM {t} WHERE rowid BETWEEN ?1 AND ?2");
                let mut stmt = conn.prepare_cached(&sql)?;
                let found = stmt.query_map([first, last], read)?;
                found.collect()
            }
        }
    }
    let bad = |e: rusqlite::Error| malformed(format!("{} ({written:?}): {e}", spec.table));
    let read = match spec.table {
        "profile" => rows(conn, store::PROFILE_COLS, spec, written, store::profile_row).map(drop),
        "rollers" => rows(conn, store::ROLLER_COLS, spec, written, store::roller_row).map(drop),
        "sessions" => {
            let sessions =
                rows(conn, store::SESSION_COLS, spec, written, store::session_row).map_err(bad)?;
            for session in sessions {
                store::session_areas(conn, &session.id)
                    .map_err(|e| malformed(format!("session {}: {e}", session.id)))?;
            }
            Ok(())
        }
        "check_ins" => rows(
            conn,
            store::CHECK_IN_COLS,
            spec,
            written,
            store::check_in_row,
        )
        .map(drop),
        "scars" => rows(conn, store::SCAR_COLS, spec, written, store::scar_row).map(drop),
        "scar_ratings" => {
            rows(conn, store::RATING_COLS, spec, written, store::rating_row).map(drop)
        }
        "photos" => rows(conn, store::PHOTO_COLS, spec, written, store::photo_row).map(drop),
        "patch_tests" => rows(
            conn,
            store::PATCH_TEST_COLS,
            spec,
            written,
            store::patch_test_row,
        )
        .map(drop),
        _ => Ok(()),
    };
    read.map_err(bad)
}

/// Reads a written session event back through the journal's reader.
pub fn read_back_event(conn: &Connection, id: &str, record: &RecordState) -> Result<()> {
    let (Some(Value::Text(session)), Some(Value::Int(seq))) = (
        record.fields.get("session_id").map(|f| &f.value),
        record.fields.get("seq").map(|f| &f.value),
    ) else {
        return Err(malformed(format!("session event {id}")));
    };
    let sql = format!(
        "SELECT {} FROM session_events WHERE session_id = ?1 AND seq = ?2",
        store::EVENT_COLS
    );
    conn.prepare_cached(&sql)
        .and_then(|mut s| {
            s.query_row(params![session, seq], store::event_row)
                .map(drop)
        })
        .map_err(|e| malformed(format!("session event {id}: {e}")))
}

/// A tombstone's record state, from its stored stamps.
pub fn tombstone_record(json: &str) -> Result<RecordState> {
    let stamps = parse_stamps(json)?;
    Ok(RecordState {
        deleted: stamps.d,
        ..RecordState::default()
    })
}

/// Checks that the written tables refer only to records that exist
/// (foreign keys are deferred during an import).
pub fn check_references(conn: &Connection, tables: &[&str]) -> Result<()> {
    for table in tables {
        let dangling: Option<String> = conn
            .query_row(&format!("PRAGMA foreign_key_check({table})"), [], |row| {
                row.get(0)
            })
            .optional()?;
        if let Some(table) = dangling {
            return Err(malformed(format!(
                "a record in {table} refers to one that is neither here nor in the file"
            )));
        }
    }
    Ok(())
}
