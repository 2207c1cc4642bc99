//! The journal: an on-device SQLite store that never loses an entry.
//!
//! One [`Journal`] wraps one connection behind a mutex, so it is safe to call
//! from many threads at once; every write is one `IMMEDIATE` transaction and
//! commits durably (WAL with `synchronous = FULL`). Every write takes the
//! caller's "now" as an argument: the core never reads the clock.
//!
//! Files: [`schema`] and [`migrate`] (versions), [`records`] (what is kept),
//! [`validate`] (input checks), [`store`] (rows), [`writes`] and [`session`]
//! (the write API), [`guided`] (the guided session run and kept in one
//! transaction per action), [`facts`] (readiness and schedule facts),
//! [`patch_test`] (patch tests), [`readiness`] (readiness facts), [`queries`], [`export_json`], [`export_csv`], [`import`], [`files`]
//! (files written whole or not at all); [`sync`]: the sync storage (the
//! synced tables, stamps, the file's export and import, photo images).

pub mod error;
pub mod export_csv;
pub mod export_json;
pub mod facts;
pub mod files;
pub mod guided;
pub mod import;
pub mod migrate;
pub mod patch_test;
pub mod queries;
pub mod readiness;
pub mod records;
pub mod schema;
pub mod session;
pub mod store;
pub mod sync;
pub mod validate;
pub mod writes;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use error::{JournalError, RecordKind, Result};
pub use records::*;
pub use schema::CURRENT_VERSION;
pub use sync::file::{EntryKind, NotesOf, SyncConflict, SyncReport};

/// How long a write waits for another process holding the file (the CLI and
/// an app sharing one journal), before it reports a storage error.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The journal on one file. `Send + Sync`: share it between threads.
#[derive(Debug)]
pub struct Journal {
    conn: Mutex<Connection>,
    path: PathBuf,
    backup: Option<PathBuf>,
    device: String,
}

impl Journal {
    /// Opens (or creates) the journal at `path`, upgrading an older schema
    /// after taking a backup copy, and refusing a newer one untouched.
    /// `device_id` names this install in the sync stamps of its writes: the
    /// shell keeps it outside the journal file and makes a new one for every
    /// install or restore (1 – 64 printable ASCII characters).
    pub fn open(path: impl AsRef<Path>, device_id: &str) -> Result<Self> {
        let device = validate::device_id(device_id)?;
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Refuse a newer file, or someone else's database, before changing
        // anything about it (one read snapshot for both questions).
        let (found, objects) = {
            let tx = conn.transaction()?;
            let found = migrate::user_version(&tx)?;
            let objects: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |row| row.get(0),
            )?;
            tx.finish()?;
            (found, objects)
        };
        if found > CURRENT_VERSION {
            return Err(JournalError::NewerSchema {
                found,
                supported: CURRENT_VERSION,
            });
        }
        if found == 0 && objects > 0 {
            return Err(JournalError::NotAJournal(
                "the file holds tables but no journal schema version".into(),
            ));
        }
        let mode = switch_to_wal(&conn)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(JournalError::Corrupt(format!(
                "the journal file cannot use write-ahead logging (mode {mode})"
            )));
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Statement journals and sorts stay in memory: Android gives SQLite
        // no writable temporary directory, and a large import upserts fast.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Foreign keys are enforced once the schema is current: a step that
        // rebuilds a table (SQLite's way to change a column) runs with them
        // off (the bundled SQLite turns them on by default) and checks every
        // key itself before it commits.
        conn.pragma_update(None, "foreign_keys", false)?;
        let backup = migrate::migrate(&mut conn, &path, schema::STEPS)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        Ok(Self {
            conn: Mutex::new(conn),
            path,
            backup,
            device: device.to_string(),
        })
    }

    /// The file this journal lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The backup copy taken when this open upgraded the schema, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// The device id this journal stamps its writes with (see [`Journal::open`]).
    pub fn device_id(&self) -> String {
        self.device.clone()
    }

    /// The folder of this journal's photo images: `photos` beside the
    /// journal file (app-private storage). The shell saves each image there
    /// under the file name it records; the core reads and deletes them there.
    pub fn photos_folder(&self) -> PathBuf {
        self.path
            .parent()
            .map_or_else(|| PathBuf::from("photos"), |dir| dir.join("photos"))
    }

    /// A fresh random record id (for a guided session about to start).
    pub fn new_id() -> Result<String> {
        records::new_id().map_err(|e| JournalError::Corrupt(format!("no randomness: {e}")))
    }

    /// The connection. A panic in another thread cannot leave a transaction
    /// open (it rolls back on drop), so a poisoned lock is safe to take over.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` in one write transaction and commits durably; any error rolls
    /// everything back.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `f` in one read transaction (a consistent snapshot).
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        tx.finish()?;
        Ok(value)
    }

    /// Runs SQLite's own integrity check; `Ok(())` when it reports "ok".
    pub fn integrity_check(&self) -> Result<()> {
        let conn = self.lock();
        let report: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if report == "ok" {
            Ok(())
        } else {
            Err(JournalError::Corrupt(report))
        }
    }
}

/// Switches the file to write-ahead logging and says the mode it is in.
/// SQLite does not wait for the lock this switch needs: when another opener
/// of a new file holds it, wait for it the way SQLite waits for locks (an
/// exclusive transaction, under the busy timeout) and try again.
fn switch_to_wal(conn: &Connection) -> Result<String> {
    let mut attempts = 0;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0)) {
            Ok(mode) => return Ok(mode),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && attempts < 100 =>
            {
                attempts += 1;
                conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")?;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// A fresh id, as a journal error.
pub(crate) fn fresh_id() -> Result<String> {
    Journal::new_id()
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the journal's unit tests.
    use chrono::DateTime;

    use super::*;

    /// The device id of the journals in unit tests.
    pub const DEVICE: &str = "unit-test-device";

    /// A moment `secs` after 2026-01-01T00:00Z, in Berlin winter time.
    pub fn at(secs: i64) -> Moment {
        Moment {
            at: DateTime::from_timestamp(1_767_225_600 + secs, 0).unwrap(),
            utc_offset_minutes: 60,
            zone: "Europe/Berlin".into(),
        }
    }

    /// A journal in a fresh temporary folder.
    pub fn journal() -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(dir.path().join("journal.sqlite3"), DEVICE).unwrap();
        (dir, journal)
    }

    /// Sets an experienced, normal-skinned profile (bedtime 22:30, Berlin)
    /// and adds a new 0.5 mm roller, both at `at(secs)`; returns the roller id.
    pub fn person_with_roller(journal: &Journal, secs: i64) -> String {
        use crate::protocol::{Experience, SkinSensitivity};
        let now = at(secs);
        let profile = ProfileInput {
            sensitivity: Some(SkinSensitivity::Normal),
            experience: Some(Experience::Experienced),
            bedtime: Some(crate::schedule::TimeOfDay {
                hour: 22,
                minute: 30,
            }),
            time_zone: Some("Europe/Berlin".into()),
        };
        journal.set_profile(&profile, &now).unwrap();
        let roller = NewRoller {
            needle_mm: 0.5,
            first_use: now.clone(),
            uses_so_far: 0,
        };
        journal.add_roller(&roller, &now).unwrap().id
    }
}
