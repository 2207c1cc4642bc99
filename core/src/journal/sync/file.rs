//! Export and import of the sync file, the conflicts a person can see, and
//! the local edits and deletes that sync carries (notes, leaf entries).
//!
//! Export streams from one read snapshot: canonical plaintext (see
//! `sync::codec`) through the age encryptor. Import decrypts and decodes
//! record by record and merges each into the journal inside one write
//! transaction; any error (wrong passphrase, tampering, truncation, a newer
//! version, a malformed record, a dangling reference) rolls all of it back.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::photos;
use super::rows::{self as ss, record_from_row, spec, SPECS};
use crate::error::InputError;
use crate::journal::error::{JournalError, RecordKind, Result};
use crate::journal::records::Moment;
use crate::journal::{validate, Journal};
use crate::sync::codec;
use crate::sync::state::{is_free_text, RecordState, Value};
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
    /// Photo image files written into the photo folder.
    pub photo_files: u64,
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

fn notes_kind(kind: NotesOf) -> RecordKind {
    match kind {
        NotesOf::Session => RecordKind::Session,
        NotesOf::CheckIn => RecordKind::CheckIn,
        NotesOf::Scar => RecordKind::Scar,
        NotesOf::ScarRating => RecordKind::ScarRating,
    }
}

fn entry_kind(kind: EntryKind) -> RecordKind {
    match kind {
        EntryKind::CheckIn => RecordKind::CheckIn,
        EntryKind::ScarRating => RecordKind::ScarRating,
        EntryKind::Photo => RecordKind::Photo,
    }
}

fn entry_table(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::CheckIn => "check_ins",
        EntryKind::ScarRating => "scar_ratings",
        EntryKind::Photo => "photos",
    }
}

/// Lists the lost free-text versions a record keeps.
fn add_conflicts(out: &mut Vec<SyncConflict>, table: &str, id: &str, record: &RecordState) {
    for ((field, stamp), text) in &record.lost {
        let kept = match record.fields.get(field).map(|f| &f.value) {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        };
        out.push(SyncConflict {
            table: table.to_string(),
            record_id: id.to_string(),
            field: field.clone(),
            lost_text: text.clone(),
            kept_text: kept,
            lost_device: stamp.device().to_string(),
            lost_clock: stamp.hlc(),
        });
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
        "SELECT record_id, stamps FROM sync_tombstones WHERE tbl = ?1 ORDER BY record_id",
    )?;
    let rows = stmt.query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes the whole sync state, then the images of the photos found in
/// `photos` (the shell's photo folder), if given.
fn write_state<W: Write>(conn: &Connection, out: &mut W, photos: Option<&Path>) -> Result<()> {
    let files = match photos {
        Some(folder) => photos::to_send(conn, folder)?,
        None => Vec::new(),
    };
    let mut count: u64 = 0;
    for spec in SPECS {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", spec.table), [], |r| {
            r.get(0)
        })?;
        count += u64::try_from(n).unwrap_or(0);
    }
    let dead: i64 = conn.query_row("SELECT count(*) FROM sync_tombstones", [], |r| r.get(0))?;
    count += u64::try_from(dead).unwrap_or(0);
    codec::write_header(out, count, files.len() as u64)?;
    for spec in SPECS {
        let mut dead = tombstones(conn, spec.table)?.into_iter().peekable();
        let mut stmt = conn.prepare(&format!("{} ORDER BY 1", spec.select()))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (id, record) = record_from_row(spec, row)?;
            while let Some((dead_id, json)) = dead.next_if(|(d, _)| *d < id) {
                let key = (spec.table.to_string(), dead_id);
                codec::write_record(out, &key, &ss::tombstone_record(&json)?)?;
            }
            codec::write_record(out, &(spec.table.to_string(), id), &record)?;
        }
        for (dead_id, json) in dead {
            let key = (spec.table.to_string(), dead_id);
            codec::write_record(out, &key, &ss::tombstone_record(&json)?)?;
        }
    }
    photos::write_all(out, &files)
}

impl Journal {
    /// Writes the canonical plaintext of the whole sync state (no
    /// encryption): identical journals give identical bytes.
    pub fn export_sync_plaintext<W: Write>(&self, out: W) -> Result<()> {
        let mut out = std::io::BufWriter::new(out);
        self.read(|tx| write_state(tx, &mut out, None))?;
        out.flush()?;
        Ok(())
    }

    /// Writes the encrypted sync file (age, scrypt work factor `log_n`;
    /// shells use [`age::WRITE_LOG_N`]). With `photos` (the shell's photo
    /// folder), the images of the photos found there travel in it too.
    pub fn export_sync<W: Write>(
        &self,
        out: W,
        passphrase_text: &str,
        log_n: u8,
        photos: Option<&Path>,
    ) -> Result<()> {
        passphrase(passphrase_text)?;
        let writer = age::Writer::new(out, passphrase_text, log_n)?;
        let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, writer);
        self.read(|tx| write_state(tx, &mut buffered, photos))?;
        let writer = buffered
            .into_inner()
            .map_err(|e| JournalError::Io(e.into_error()))?;
        writer.finish()?;
        Ok(())
    }

    /// Opens an encrypted sync file and merges it in (see
    /// [`Journal::import_sync_plaintext`]); a wrong passphrase, tampering,
    /// truncation or a work factor above `max_log_n` is a typed error and
    /// the journal is untouched. With `photos` (the shell's photo folder),
    /// the images the file carries are put there (those not there yet).
    pub fn import_sync<R: BufRead>(
        &self,
        input: R,
        passphrase_text: &str,
        max_log_n: u8,
        now: &Moment,
        photos: Option<&Path>,
    ) -> Result<SyncReport> {
        passphrase(passphrase_text)?;
        validate::now(now)?;
        let reader = age::Reader::new(input, passphrase_text, max_log_n)?;
        let input = BufReader::with_capacity(64 * 1024, reader);
        self.import_sync_file(input, now, photos)
    }

    /// The concurrent free-text versions kept so far, for the person to see.
    pub fn conflicts(&self) -> Result<Vec<SyncConflict>> {
        self.read(|tx| {
            let mut out = Vec::new();
            for kind in [
                NotesOf::CheckIn,
                NotesOf::ScarRating,
                NotesOf::Scar,
                NotesOf::Session,
            ] {
                let table = notes_table(kind);
                let Some(spec) = spec(table) else { continue };
                let sql = format!(
                    "{} WHERE {table}.sync_conflicts > 0 ORDER BY 1",
                    spec.select()
                );
                let mut stmt = tx.prepare(&sql)?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let (id, record) = record_from_row(spec, row)?;
                    add_conflicts(&mut out, table, &id, &record);
                }
            }
            Ok(out)
        })
    }

    /// The person has dealt with a conflict: it is dismissed on every device
    /// that imports this journal's next file.
    pub fn dismiss_conflict(&self, conflict: &SyncConflict) -> Result<()> {
        let missing = || JournalError::not_found(RecordKind::SyncConflict, &conflict.record_id);
        let table = spec(&conflict.table)
            .filter(|s| s.fields.iter().any(|f| is_free_text(f.0)))
            .ok_or_else(missing)?
            .table;
        self.write(|tx| {
            let mut stamps =
                ss::load_stamps(tx, table, &conflict.record_id)?.ok_or_else(missing)?;
            let stamp = Stamp(conflict.lost_clock, conflict.lost_device.as_str().into());
            let before = stamps.lost.len();
            stamps
                .lost
                .retain(|(f, s, _)| !(f == &conflict.field && s == &stamp));
            if stamps.lost.len() == before {
                return Err(missing());
            }
            stamps.dis.push((conflict.field.clone(), stamp));
            stamps.dis.sort();
            stamps.dis.dedup();
            let left = stamps.lost.len();
            ss::put_stamps(tx, table, &conflict.record_id, &stamps, left)
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
                return Err(JournalError::not_found(notes_kind(kind), id));
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
                return Err(JournalError::not_found(entry_kind(kind), id));
            }
            let stamp = ss::tick(tx, &device, now)?;
            let stamps = codec::Stamps {
                d: Some(stamp),
                ..codec::Stamps::default()
            };
            ss::put_tombstone(tx, table, id, &stamps)
        })
    }
}
