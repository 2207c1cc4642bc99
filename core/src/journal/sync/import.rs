//! Import of a sync plaintext: the merge of a whole file into the journal in
//! one write transaction.
//!
//! The file is sorted by (table, id), so the import works a table at a time
//! in batches of consecutive ids: one ordered scan finds what the journal
//! knows of the batch's ids (no lookup per record), each incoming record is
//! merged with its local twin by the pure join (`sync::state::merge_record`),
//! and only what changed is written. Written rows are read back through the
//! journal's own typed readers (so a value the journal could not read later
//! refuses the file now): the rows a batch inserted in one query by rowid,
//! a row updated in place on its own. Any error rolls all of it back.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use rusqlite::{Connection, Statement};

use super::file::SyncReport;
use super::photos::Received;
use super::rows::{
    self as ss, check_shape, malformed, record_from_row, spec, Spec, SyncColumns, Written,
    PROFILE_KEY,
};
use crate::journal::error::Result;
use crate::journal::records::Moment;
use crate::journal::{store, validate, Journal};
use crate::sync::codec::{self, line_digest, Decoder, RawRecord};
use crate::sync::hlc::{is_far_future, physical_ms, Clock};
use crate::sync::state::{merge_record, normalize, RecordState, Value};

/// Incoming records merged per range query.
const BATCH: usize = 1024;

/// What one import has learnt so far.
struct Import {
    report: SyncReport,
    clock: Clock,
    now_ms: i64,
    /// The greatest far-future clock value seen.
    ahead: Option<u64>,
    /// Each roller's base of uses (uses not counted by sessions).
    bases: HashMap<String, i64>,
    /// Tables written to (their references are checked at the end).
    touched: Vec<&'static str>,
}

/// Consecutive incoming records of one table, as read (decoded only when
/// the journal does not already know the line).
struct Batch {
    spec: &'static Spec,
    records: Vec<RawRecord>,
}

/// What the journal knows of an incoming record's id.
#[derive(Default)]
struct Known {
    /// The digest of the line the record was last imported from, while it
    /// still equals it.
    seen: Option<Vec<u8>>,
    /// The tombstone's stamps, when the record is deleted here.
    dead: Option<String>,
}

fn roller_bases(conn: &Connection) -> Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare(
        "SELECT id, uses - (SELECT count(*) FROM sessions c WHERE c.roller_id = rollers.id) FROM rollers",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the journal knows of each record of a batch (aligned with it): one
/// ordered scan of the batch's id range in the table (live records, with
/// `sync_seen`) and one in `sync_tombstones`. Session events are looked up
/// one by one instead (by their place).
fn scan_known(conn: &Connection, batch: &Batch) -> Result<Vec<Option<Known>>> {
    let mut known: Vec<Option<Known>> = batch.records.iter().map(|_| None).collect();
    let (Some(first), Some(last)) = (batch.records.first(), batch.records.last()) else {
        return Ok(known);
    };
    let spec = batch.spec;
    if spec.table == "session_events" {
        return Ok(known);
    }
    let range = [first.key.1.as_str(), last.key.1.as_str()];
    let mut stmt = conn.prepare_cached(&ss::sqls(spec).known)?;
    let mut rows = if spec.table == "profile" {
        stmt.query([])?
    } else {
        stmt.query(range)?
    };
    let mut next = 0;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(slot) = slot_of(batch, &mut known, &mut next, id) {
            *slot = Some(Known {
                seen: row.get(1)?,
                dead: None,
            });
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT record_id, stamps FROM sync_tombstones
         WHERE tbl = ?1 AND record_id BETWEEN ?2 AND ?3 ORDER BY record_id",
    )?;
    let mut rows = stmt.query([spec.table, range[0], range[1]])?;
    let mut next = 0;
    while let Some(row) = rows.next()? {
        let id = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(slot) = slot_of(batch, &mut known, &mut next, id) {
            *slot = Some(Known {
                seen: None,
                dead: Some(row.get(1)?),
            });
        }
    }
    Ok(known)
}

/// Walks the batch (sorted by id) up to `id`; its slot if the batch has it.
fn slot_of<'a>(
    batch: &Batch,
    known: &'a mut [Option<Known>],
    next: &mut usize,
    id: &str,
) -> Option<&'a mut Option<Known>> {
    while batch
        .records
        .get(*next)
        .is_some_and(|r| r.key.1.as_str() < id)
    {
        *next += 1;
    }
    if batch.records.get(*next).is_some_and(|r| r.key.1 == id) {
        known.get_mut(*next)
    } else {
        None
    }
}

/// The local live record with this id, with its stamps.
fn load_live(conn: &Connection, spec: &Spec, id: &str) -> Result<Option<RecordState>> {
    let mut stmt = conn.prepare_cached(&ss::sqls(spec).one)?;
    let mut rows = if spec.table == "profile" {
        stmt.query([])?
    } else {
        stmt.query([id])?
    };
    match rows.next()? {
        Some(row) => Ok(Some(record_from_row(spec, row)?.1)),
        None => Ok(None),
    }
}

/// The local session event an incoming one meets: the one at its place
/// (session, position), which must be the same event.
fn local_event(conn: &Connection, id: &str, incoming: &RecordState) -> Result<Option<RecordState>> {
    let (Some(Value::Text(session)), Some(Value::Int(seq))) = (
        incoming.fields.get("session_id").map(|f| &f.value),
        incoming.fields.get("seq").map(|f| &f.value),
    ) else {
        return Err(malformed(format!("session event {id}")));
    };
    let Some(spec) = spec("session_events") else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(&ss::sqls(spec).one)?;
    let mut rows = stmt.query(rusqlite::params![session, seq])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let (local_id, record) = record_from_row(spec, row)?;
    if local_id != id {
        return Err(malformed(format!(
            "session event {id} takes the place of event {local_id}"
        )));
    }
    Ok(Some(record))
}

/// Writes a merged record: its values (or its removal) and its stamps, with
/// `write` (its table's insert when the journal has never known it, else its
/// upsert).
fn apply(
    conn: &Connection,
    write: &mut Statement<'_>,
    spec: &Spec,
    id: &str,
    merged: &RecordState,
    seen: Option<&[u8]>,
) -> Result<()> {
    if merged.deleted.is_some() {
        conn.prepare_cached(&ss::sqls(spec).delete)?.execute([id])?;
        return ss::put_tombstone(conn, spec.table, id, &codec::split(merged));
    }
    // Session events keep no stamps (theirs is implicit).
    let sync = (spec.table != "session_events").then(|| SyncColumns {
        stamps: codec::split(merged).to_json(),
        seen,
        conflicts: i64::try_from(merged.lost.len()).unwrap_or(i64::MAX),
    });
    ss::write_values(conn, write, spec, id, merged, sync.as_ref())
}

/// Finds the spec of an incoming record's table and checks its key.
fn spec_of(table: &str, id: &str) -> Result<&'static Spec> {
    let spec = spec(table).ok_or_else(|| malformed(format!("unknown table {table}")))?;
    if table == "profile" && id != PROFILE_KEY {
        return Err(malformed("the profile has another key"));
    }
    if table != "profile" {
        validate::id("id", id).map_err(|e| malformed(e.to_string()))?;
    }
    Ok(spec)
}

impl Import {
    /// Checks a decoded incoming record's shape and lets the clock see it.
    fn receive(&mut self, spec: &Spec, id: &str, incoming: &RecordState) -> Result<()> {
        check_shape(spec, id, incoming)?;
        for stamp in incoming.stamps() {
            self.clock.receive(stamp.hlc());
            if is_far_future(stamp.hlc(), self.now_ms) {
                self.ahead = self.ahead.max(Some(stamp.hlc()));
            }
        }
        Ok(())
    }

    /// Merges one batch: one ordered scan of what the journal knows of its
    /// ids, then the writes of what changed, read back (the rows inserted
    /// in one query by rowid). A line the journal imported before and still
    /// equals is not even decoded.
    fn merge_batch(&mut self, conn: &Connection, batch: Batch) -> Result<()> {
        let spec = batch.spec;
        let events = spec.table == "session_events";
        let known = scan_known(conn, &batch)?;
        let sqls = ss::sqls(spec);
        let mut insert = conn.prepare_cached(&sqls.insert)?;
        let mut upsert = conn.prepare_cached(&sqls.upsert)?;
        let mut written = false;
        // The rowids of the rows this batch inserted (read back together;
        // a session also writes its areas, the profile is one row).
        let mut inserted: Option<(i64, i64)> = None;
        let by_rowid = !matches!(spec.table, "profile" | "sessions");
        for (raw, known) in batch.records.iter().zip(known) {
            let id = raw.key.1.as_str();
            let digest = line_digest(&raw.line);
            if known.as_ref().and_then(|k| k.seen.as_deref()) == Some(&digest[..]) {
                self.report.unchanged += 1;
                continue;
            }
            let incoming = raw.decode()?;
            self.receive(spec, id, &incoming)?;
            let local = match known {
                _ if events => local_event(conn, id, &incoming)?,
                Some(Known {
                    dead: Some(json), ..
                }) => Some(ss::tombstone_record(&json)?),
                Some(_) => load_live(conn, spec, id)?,
                None => None,
            };
            // Whether the merged record equals the line (then it is `seen`).
            let (merged, like_line) = match &local {
                Some(ours) => {
                    let merged = merge_record(ours, &incoming);
                    let like_line = merged == incoming;
                    (merged, like_line)
                }
                None if incoming.lost.is_empty() => (normalize(incoming), true),
                None => {
                    let merged = normalize(incoming);
                    (merged, false)
                }
            };
            if local.as_ref() == Some(&merged) {
                self.report.unchanged += 1;
                continue;
            }
            let before = local.as_ref().map(|l| &l.lost);
            let new_conflicts = merged
                .lost
                .keys()
                .filter(|k| before.is_none_or(|b| !b.contains_key(*k)))
                .count();
            self.report.conflicts += new_conflicts as u64;
            if local.is_some() {
                self.report.updated += 1;
            } else {
                self.report.added += 1;
            }
            if spec.table == "rollers" {
                if let Some(Value::Int(base)) = merged.fields.get("uses").map(|f| &f.value) {
                    self.bases.insert(id.to_string(), *base);
                }
            }
            // Session events are immutable: a known one is never rewritten.
            if events && local.is_some() {
                continue;
            }
            let seen = like_line.then_some(&digest[..]);
            let fresh = local.is_none();
            let write = if fresh { &mut insert } else { &mut upsert };
            apply(conn, write, spec, id, &merged, seen)?;
            if events {
                ss::read_back_event(conn, id, &merged)?;
            } else if fresh && by_rowid && merged.deleted.is_none() {
                let rowid = conn.last_insert_rowid();
                inserted =
                    Some(inserted.map_or((rowid, rowid), |(a, b)| (a.min(rowid), b.max(rowid))));
            } else if merged.deleted.is_none() {
                ss::read_back(conn, spec, Written::Id(id))?;
            }
            written = true;
        }
        if let Some((first, last)) = inserted {
            ss::read_back(conn, spec, Written::Rowids(first, last))?;
        }
        if written && !self.touched.contains(&spec.table) {
            self.touched.push(spec.table);
        }
        Ok(())
    }

    /// After the last batch: the rollers' counts of uses, the references
    /// between records, the clock, and the warnings.
    fn finish(mut self, conn: &Connection) -> Result<SyncReport> {
        for (id, base) in &self.bases {
            conn.prepare_cached(
                "UPDATE rollers SET uses = ?2 + (SELECT count(*) FROM sessions c WHERE c.roller_id = ?1) WHERE id = ?1",
            )?
            .execute(rusqlite::params![id, base])
            .map_err(|e| malformed(format!("roller {id}: {e}")))?;
        }
        ss::check_references(conn, &self.touched)?;
        ss::save_clock(conn, &self.clock)?;
        if let Some(hlc) = self.ahead {
            let days = (physical_ms(hlc) - self.now_ms) / 86_400_000;
            self.report.warnings.push(format!(
                "some changes in the file are stamped up to {days} days ahead of this device's time; they were accepted (check the other device's date and time)"
            ));
        }
        Ok(self.report)
    }
}

impl Journal {
    /// Merges a sync plaintext into the journal in one transaction: per
    /// field the greatest stamp wins, tombstones stick, concurrent free text
    /// is kept as a conflict, and the clock advances past every stamp.
    pub fn import_sync_plaintext<R: BufRead>(&self, input: R, now: &Moment) -> Result<SyncReport> {
        self.import_sync_file(input, now, None)
    }

    /// [`Journal::import_sync_plaintext`], then the photo images the file
    /// carries put into `photos` (the shell's photo folder), if given; if
    /// the import fails, the images it put there are removed again.
    pub(crate) fn import_sync_file<R: BufRead>(
        &self,
        input: R,
        now: &Moment,
        photos: Option<&Path>,
    ) -> Result<SyncReport> {
        validate::now(now)?;
        let now_ms = store::ms(now);
        let mut decoder = Decoder::new(input)?;
        let mut received = Received::default();
        let result = self.write(|tx| {
            tx.pragma_update(None, "defer_foreign_keys", true)?;
            let mut import = Import {
                report: SyncReport::default(),
                clock: ss::load_clock(tx)?,
                now_ms,
                ahead: None,
                bases: roller_bases(tx)?,
                touched: Vec::new(),
            };
            let mut batch: Option<Batch> = None;
            while let Some(raw) = decoder.next_raw()? {
                let spec = spec_of(&raw.key.0, &raw.key.1)?;
                let full = batch
                    .as_ref()
                    .is_some_and(|b| b.spec.table != spec.table || b.records.len() >= BATCH);
                if full {
                    if let Some(done) = batch.take() {
                        import.merge_batch(tx, done)?;
                    }
                }
                batch
                    .get_or_insert_with(|| Batch {
                        spec,
                        records: Vec::with_capacity(BATCH),
                    })
                    .records
                    .push(raw);
            }
            if let Some(done) = batch {
                import.merge_batch(tx, done)?;
            }
            while let Some((photo_id, image)) = decoder.next_file()? {
                if let Some(folder) = photos {
                    if received.take(tx, folder, &photo_id, &image)? {
                        import.report.photo_files += 1;
                    }
                }
            }
            decoder.finish()?;
            import.finish(tx)
        });
        if result.is_err() {
            received.undo();
        }
        result
    }
}
