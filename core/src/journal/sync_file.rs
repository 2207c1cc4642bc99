//! Export and import of the sync file, the conflicts a person can see, and
//! the local edits and deletes that sync carries (notes, leaf entries).
//!
//! Export streams from one read snapshot: canonical plaintext (see
//! `sync::codec`) through the age encryptor. Import decrypts and decodes
//! record by record and merges each into the journal inside one write
//! transaction; any error (wrong passphrase, tampering, truncation, a newer
//! version, a malformed record, a dangling reference) rolls all of it back.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::error::{JournalError, Result};
use super::records::Moment;
use super::sync_store::{
    self as ss, check_shape, malformed, record_from_row, spec, Spec, PROFILE_KEY, SPECS,
};
use super::{validate, Journal};
use crate::error::InputError;
use crate::sync::codec::{self, Decoder};
use crate::sync::hlc::{is_far_future, physical_ms};
use crate::sync::state::{merge_record, RecordState, Value};
use crate::sync::{age, Stamp};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncReport {
    /// Records that were new here.
    pub added: u64,
    /// Records that changed here (a field, a delete, a kept conflict).
    pub updated: u64,
    /// Records the file held that were already up to date here.
    pub unchanged: u64,
    /// Concurrent free-text versions newly kept as conflicts.
    pub conflicts: u64,
    /// Things the person may want to know (far-future stamps), in words.
    pub warnings: Vec<String>,
}

/// A free-text version that lost to a concurrent edit on another device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncConflict {
    /// The table of the record (`sessions`, `check_ins`, `scars`, `scar_ratings`).
    pub table: String,
    /// The record id.
    pub record_id: String,
    /// The field (`notes`).
    pub field: String,
    /// The text that lost.
    pub lost_text: String,
    /// The text kept.
    pub kept_text: String,
    /// The device that wrote the lost text.
    pub lost_device: String,
    /// The lost version's clock value (pass it back to dismiss it).
    pub lost_clock: u64,
}

/// Which records have free-text notes that can be edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum NotesOf {
    /// A finished session.
    Session,
    /// A check-in.
    CheckIn,
    /// A scar.
    Scar,
    /// A scar rating.
    ScarRating,
}

/// Which entries can be deleted (nothing refers to them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum EntryKind {
    /// A check-in.
    CheckIn,
    /// A scar rating.
    ScarRating,
    /// A progress photo reference.
    Photo,
}

fn notes_table(kind: NotesOf) -> &'static str {
    match kind {
        NotesOf::Session => "sessions",
        NotesOf::CheckIn => "check_ins",
        NotesOf::Scar => "scars",
        NotesOf::ScarRating => "scar_ratings",
    }
}

fn entry_table(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => "check_ins",
        EntryKind::ScarRating => "scar_ratings",
        EntryKind::Photo => "photos",
    }
}

fn passphrase(value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(InputError::new("passphrase", "is empty").into());
    }
    Ok(())
}

fn tombstones(conn: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT record_id, stamps FROM sync_records WHERE tbl = ?1 AND deleted = 1 ORDER BY record_id",
    )?;
    let rows = stmt.query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tombstone_record(json: &str) -> Result<RecordState> {
    let stamps = ss::parse_stamps(json)?;
    Ok(RecordState {
        deleted: stamps.d,
        ..RecordState::default()
    })
}

fn write_state<W: Write>(conn: &Connection, out: &mut W) -> Result<()> {
    let mut count: u64 = 0;
    for spec in SPECS {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", spec.table), [], |r| {
            r.get(0)
        })?;
        count += u64::try_from(n).unwrap_or(0);
    }
    let dead: i64 = conn.query_row(
        "SELECT count(*) FROM sync_records WHERE deleted = 1",
        [],
        |r| r.get(0),
    )?;
    count += u64::try_from(dead).unwrap_or(0);
    codec::write_header(out, count)?;
    for spec in SPECS {
        let mut dead = tombstones(conn, spec.table)?.into_iter().peekable();
        let mut stmt = conn.prepare(&format!("{} ORDER BY 1", spec.select()))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, record) = record_from_row(spec, row)?;
            while let Some((dead_id, json)) = dead.next_if(|(d, _)| *d < id) {
                let key = (spec.table.to_string(), dead_id);
                codec::write_record(out, &key, &tombstone_record(&json)?)?;
            }
            codec::write_record(out, &(spec.table.to_string(), id), &record)?;
        }
        for (dead_id, json) in dead {
            let key = (spec.table.to_string(), dead_id);
            codec::write_record(out, &key, &tombstone_record(&json)?)?;
        }
    }
    Ok(())
}

fn load_local(
    conn: &Connection,
    spec: &Spec,
    id: &str,
    incoming: &RecordState,
) -> Result<Option<RecordState>> {
    let found = if spec.table == "session_events" {
        let (Some(Value::Text(session)), Some(Value::Int(seq))) = (
            incoming.fields.get("session_id").map(|f| &f.value),
            incoming.fields.get("seq").map(|f| &f.value),
        ) else {
            return Err(malformed(format!("session event {id}")));
        };
        let mut stmt = conn.prepare_cached(&ss::sqls(spec).one)?;
        let mut rows = stmt.query(rusqlite::params![session, seq])?;
        match rows.next()? {
            Some(row) => {
                let (local_id, record) = record_from_row(spec, row)?;
                if local_id != id {
                    return Err(malformed(format!(
                        "session event {id} takes the place of event {local_id}"
                    )));
                }
                Some(record)
            }
            None => None,
        }
    } else {
        let mut stmt = conn.prepare_cached(&ss::sqls(spec).one)?;
        let mut rows = if spec.table == "profile" {
            stmt.query([])?
        } else {
            stmt.query([id])?
        };
        match rows.next()? {
            Some(row) => Some(record_from_row(spec, row)?.1),
            None => None,
        }
    };
    if found.is_some() {
        return Ok(found);
    }
    let dead: Option<String> = conn
        .prepare_cached(
            "SELECT stamps FROM sync_records WHERE tbl = ?1 AND record_id = ?2 AND deleted = 1",
        )?
        .query_row([spec.table, id], |row| row.get(0))
        .optional()?;
    dead.map(|json| tombstone_record(&json)).transpose()
}

fn apply(conn: &Connection, spec: &Spec, id: &str, merged: &RecordState) -> Result<()> {
    let (_, stamps) = codec::split(merged);
    if merged.deleted.is_some() {
        conn.execute(&format!("DELETE FROM {} WHERE id = ?1", spec.table), [id])?;
    } else {
        ss::write_values(conn, spec, id, merged)?;
        let row_id = match (spec.table, merged.fields.get("id").map(|f| &f.value)) {
            ("profile", Some(Value::Text(pid))) => pid.clone(),
            _ => id.to_string(),
        };
        ss::read_back(conn, spec.table, &row_id)?;
    }
    if spec.table != "session_events" {
        ss::put_stamps(conn, spec.table, id, &stamps, merged.lost.len())?;
    }
    Ok(())
}

fn roller_bases(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, uses - (SELECT count(*) FROM sessions c WHERE c.roller_id = rollers.id) FROM rollers",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn check_references(conn: &Connection) -> Result<()> {
    let dangling: Option<String> = conn
        .query_row("PRAGMA foreign_key_check", [], |row| row.get(0))
        .optional()?;
    match dangling {
        Some(table) => Err(malformed(format!(
            "a record in {table} refers to one that is neither here nor in the file"
        ))),
        None => Ok(()),
    }
}

impl Journal {
    /// Writes the canonical plaintext of the whole sync state (no
    /// encryption): identical journals give identical bytes.
    pub fn export_sync_plaintext<W: Write>(&self, out: W) -> Result<()> {
        let mut out = std::io::BufWriter::new(out);
        self.read(|tx| write_state(tx, &mut out))?;
        out.flush()?;
        Ok(())
    }

    /// Writes the encrypted sync file (age, scrypt work factor `log_n`;
    /// shells use [`age::WRITE_LOG_N`]).
    pub fn export_sync<W: Write>(&self, out: W, passphrase_text: &str, log_n: u8) -> Result<()> {
        passphrase(passphrase_text)?;
        let writer = age::Writer::new(out, passphrase_text, log_n)?;
        let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, writer);
        self.read(|tx| write_state(tx, &mut buffered))?;
        let writer = buffered
            .into_inner()
            .map_err(|e| JournalError::Io(e.into_error()))?;
        writer.finish()?;
        Ok(())
    }

    /// Opens an encrypted sync file and merges it in (see
    /// [`Journal::import_sync_plaintext`]); a wrong passphrase, tampering,
    /// truncation or a work factor above `max_log_n` is a typed error and
    /// the journal is untouched.
    pub fn import_sync<R: BufRead>(
        &self,
        input: R,
        passphrase_text: &str,
        max_log_n: u8,
        now: &Moment,
    ) -> Result<SyncReport> {
        passphrase(passphrase_text)?;
        validate::now(now)?;
        let reader = age::Reader::new(input, passphrase_text, max_log_n)?;
        self.import_sync_plaintext(BufReader::with_capacity(64 * 1024, reader), now)
    }

    /// Merges a sync plaintext into the journal in one transaction: per
    /// field the greatest stamp wins, tombstones stick, concurrent free text
    /// is kept as a conflict, and the clock advances past every stamp.
    pub fn import_sync_plaintext<R: BufRead>(&self, input: R, now: &Moment) -> Result<SyncReport> {
        validate::now(now)?;
        let now_ms = super::store::ms(now);
        let mut decoder = Decoder::new(input)?;
        self.write(|tx| {
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            let mut clock = ss::load_clock(tx)?;
            let mut bases = roller_bases(tx)?;
            let mut report = SyncReport::default();
            let mut ahead: Option<u64> = None;
            while let Some(((table, id), incoming)) = decoder.next_record()? {
                let spec = spec(&table).ok_or_else(|| malformed(format!("unknown table {table}")))?;
                if table == "profile" && id != PROFILE_KEY {
                    return Err(malformed("the profile has another key"));
                }
                if table != "profile" {
                    validate::id("id", &id).map_err(|e| malformed(e.to_string()))?;
                }
                check_shape(spec, &id, &incoming)?;
                for stamp in incoming.stamps() {
                    clock.receive(stamp.hlc());
                    if is_far_future(stamp.hlc(), now_ms) {
                        ahead = ahead.max(Some(stamp.hlc()));
                    }
                }
                let local = load_local(tx, spec, &id, &incoming)?;
                let merged = match &local {
                    Some(ours) => merge_record(ours, &incoming),
                    // Merging with itself normalises what the file holds.
                    None => merge_record(&incoming, &incoming),
                };
                if local.as_ref() == Some(&merged) {
                    report.unchanged += 1;
                    continue;
                }
                let before = local.as_ref().map(|l| &l.lost);
                let new_conflicts = merged
                    .lost
                    .keys()
                    .filter(|k| before.is_none_or(|b| !b.contains_key(*k)))
                    .count();
                report.conflicts += new_conflicts as u64;
                if local.is_some() {
                    report.updated += 1;
                } else {
                    report.added += 1;
                }
                if table == "rollers" {
                    if let Some(Value::Int(base)) = merged.fields.get("uses").map(|f| &f.value) {
                        bases.insert(id.clone(), *base);
                    }
                }
                if table == "session_events" && local.is_some() {
                    continue;
                }
                apply(tx, spec, &id, &merged)?;
            }
            for (id, base) in &bases {
                tx.prepare_cached(
                    "UPDATE rollers SET uses = ?2 + (SELECT count(*) FROM sessions c WHERE c.roller_id = ?1) WHERE id = ?1",
                )?
                .execute(rusqlite::params![id, base])
                .map_err(|e| malformed(format!("roller {id}: {e}")))?;
            }
            check_references(tx)?;
            ss::save_clock(tx, &clock)?;
            if let Some(hlc) = ahead {
                let days = (physical_ms(hlc) - now_ms) / 86_400_000;
                report.warnings.push(format!(
                    "some changes in the file are stamped up to {days} days ahead of this device's time; they were accepted (check the other device's date and time)"
                ));
            }
            Ok(report)
        })
    }

    /// The concurrent free-text versions kept so far, for the person to see.
    pub fn conflicts(&self) -> Result<Vec<SyncConflict>> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT tbl, record_id FROM sync_records WHERE conflicts > 0 ORDER BY tbl, record_id",
            )?;
            let keys: Vec<(String, String)> = stmt
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::new();
            for (table, id) in keys {
                let Some(spec) = spec(&table) else { continue };
                let sql = format!("{} WHERE {}.id = ?1", spec.select(), spec.table);
                let record = tx
                    .query_row(&sql, [&id], |row| Ok(record_from_row(spec, row)))
                    .optional()?
                    .transpose()?;
                let Some((_, record)) = record else { continue };
                for ((field, stamp), text) in &record.lost {
                    let kept = match record.fields.get(field).map(|f| &f.value) {
                        Some(Value::Text(t)) => t.clone(),
                        _ => String::new(),
                    };
                    out.push(SyncConflict {
                        table: table.clone(),
                        record_id: id.clone(),
                        field: field.clone(),
                        lost_text: text.clone(),
                        kept_text: kept,
                        lost_device: stamp.device().to_string(),
                        lost_clock: stamp.hlc(),
                    });
                }
            }
            Ok(out)
        })
    }

    /// The person has dealt with a conflict: it is dismissed on every device
    /// that imports this journal's next file.
    pub fn dismiss_conflict(&self, conflict: &SyncConflict) -> Result<()> {
        self.write(|tx| {
            let json: String = tx
                .query_row(
                    "SELECT stamps FROM sync_records WHERE tbl = ?1 AND record_id = ?2",
                    [&conflict.table, &conflict.record_id],
                    |row| row.get(0),
                )
                .optional()?
                .ok_or_else(|| JournalError::not_found("conflict", &conflict.record_id))?;
            let mut stamps = ss::parse_stamps(&json)?;
            let stamp = Stamp(conflict.lost_clock, conflict.lost_device.clone());
            let before = stamps.lost.len();
            stamps
                .lost
                .retain(|(f, s, _)| !(f == &conflict.field && s == &stamp));
            if stamps.lost.len() == before {
                return Err(JournalError::not_found("conflict", &conflict.record_id));
            }
            stamps.dis.push((conflict.field.clone(), stamp));
            stamps.dis.sort();
            stamps.dis.dedup();
            let left = stamps.lost.len();
            ss::put_stamps(tx, &conflict.table, &conflict.record_id, &stamps, left)
        })
    }

    /// Replaces the notes of a record (a local edit, stamped for sync).
    pub fn edit_notes(&self, kind: NotesOf, id: &str, notes: &str, now: &Moment) -> Result<()> {
        validate::now(now)?;
        validate::id("id", id)?;
        validate::note("notes", notes)?;
        let table = notes_table(kind);
        let device = self.device_id();
        self.write(|tx| {
            let changed = tx.execute(
                &format!("UPDATE {table} SET notes = ?2 WHERE id = ?1"),
                [id, notes],
            )?;
            if changed == 0 {
                return Err(JournalError::not_found(table, id));
            }
            ss::stamp_fields(tx, &device, table, id, &["notes"], now)
        })
    }

    /// Deletes an entry for good (on every device it syncs with; restoring
    /// it means adding a new one).
    pub fn delete_entry(&self, kind: EntryKind, id: &str, now: &Moment) -> Result<()> {
        validate::now(now)?;
        validate::id("id", id)?;
        let table = entry_table(kind);
        let device = self.device_id();
        self.write(|tx| {
            let changed = tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
            if changed == 0 {
                return Err(JournalError::not_found(table, id));
            }
            let stamp = ss::tick(tx, &device, now)?;
            let stamps = codec::Stamps {
                d: Some(stamp),
                ..codec::Stamps::default()
            };
            ss::put_stamps(tx, table, id, &stamps, 0)
        })
    }
}
