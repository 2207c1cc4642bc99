//! Opening a journal file at the current schema: `user_version` says which
//! schema the file has; each missing step runs in its own transaction that
//! also sets the new `user_version`; a file from a newer app is refused and
//! left untouched; before upgrading an existing journal a copy of the file is
//! taken with `VACUUM INTO`; nothing is ever deleted, whatever fails.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::error::{JournalError, Result};

/// The `user_version` of an open database.
pub fn user_version(conn: &Connection) -> Result<u32> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    u32::try_from(version).map_err(|_| JournalError::NotAJournal(format!("user_version {version}")))
}

/// Brings `conn` (the file at `path`) from its version to `steps.len()`.
/// Returns the path of the backup taken, if one was needed.
///
/// Every decision is made under the write lock (an IMMEDIATE transaction
/// that re-reads the version), so several openers of one file never run a
/// step twice and never back up a file another opener is creating: a new
/// file gets all its steps in one transaction; an existing journal is
/// copied first (outside the transaction: `VACUUM INTO` cannot run inside
/// one), then upgraded one step per transaction.
pub fn migrate(conn: &mut Connection, path: &Path, steps: &[&str]) -> Result<Option<PathBuf>> {
    let target = u32::try_from(steps.len()).unwrap_or(u32::MAX);
    let found = user_version(conn)?;
    if found > target {
        return Err(JournalError::NewerSchema {
            found,
            supported: target,
        });
    }
    let mut backup = None;
    loop {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| failed(found, target, &e))?;
        let current = user_version(&tx)?;
        if current >= target {
            return Ok(backup);
        }
        if current == 0 {
            let objects: i64 = tx.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |row| row.get(0),
            )?;
            if objects > 0 {
                return Err(JournalError::NotAJournal(
                    "the file holds tables but no journal schema version".into(),
                ));
            }
            // A new file: nothing to keep, every step at once.
            for to in 1..=target {
                run_step(&tx, steps, to)?;
            }
            tx.commit().map_err(|e| failed(0, target, &e))?;
            return Ok(backup);
        }
        if backup.is_none() {
            drop(tx);
            backup = Some(copy(conn, path, current)?);
            continue;
        }
        run_step(&tx, steps, current + 1)?;
        tx.commit().map_err(|e| failed(current, current + 1, &e))?;
    }
}

fn failed(from: u32, to: u32, e: &rusqlite::Error) -> JournalError {
    JournalError::Migration {
        from,
        to,
        detail: e.to_string(),
    }
}

/// Runs the step to version `to` inside `tx` and sets `user_version`.
fn run_step(tx: &Connection, steps: &[&str], to: u32) -> Result<()> {
    let step = steps
        .get(to.saturating_sub(1) as usize)
        .ok_or_else(|| JournalError::Corrupt(format!("no schema step to version {to}")))?;
    tx.execute_batch(step).map_err(|e| failed(to - 1, to, &e))?;
    tx.pragma_update(None, "user_version", to)
        .map_err(|e| failed(to - 1, to, &e))?;
    check_foreign_keys(tx).map_err(|detail| JournalError::Migration {
        from: to - 1,
        to,
        detail,
    })
}

fn check_foreign_keys(conn: &Connection) -> std::result::Result<(), String> {
    let mut stmt = conn
        .prepare("PRAGMA foreign_key_check")
        .map_err(|e| e.to_string())?;
    let mut rows = stmt.query([]).map_err(|e| e.to_string())?;
    match rows.next().map_err(|e| e.to_string())? {
        None => Ok(()),
        Some(row) => Err(format!(
            "a foreign key in {} points nowhere",
            row.get::<_, String>(0).unwrap_or_default()
        )),
    }
}

/// Copies the database to `<file>.v<version>.backup` (or `…backup-2`, `-3`,
/// … if that exists: an older backup is never overwritten).
fn copy(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf> {
    let base = path.as_os_str().to_string_lossy().into_owned();
    let mut candidate = PathBuf::from(format!("{base}.v{version}.backup"));
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.v{version}.backup-{n}"));
        n += 1;
    }
    let target = candidate.to_string_lossy().into_owned();
    conn.execute("VACUUM INTO ?1", [&target])?;
    Ok(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL);";
    const V2: &str = "ALTER TABLE notes ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;";
    const BROKEN: &str = "ALTER TABLE notes ADD COLUMN x INTEGER; CREATE TABLE notes (oops);";

    fn open(path: &Path) -> Connection {
        Connection::open(path).unwrap()
    }

    #[test]
    fn upgrades_step_by_step_with_a_backup_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        let mut conn = open(&path);
        assert_eq!(migrate(&mut conn, &path, &[V1]).unwrap(), None);
        conn.execute("INSERT INTO notes VALUES ('a', 'kept')", [])
            .unwrap();
        let backup = migrate(&mut conn, &path, &[V1, V2]).unwrap().unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
        let old = open(&backup);
        assert_eq!(user_version(&old).unwrap(), 1);
        let body: String = old
            .query_row("SELECT body FROM notes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(body, "kept");
    }

    #[test]
    fn a_failed_step_rolls_back_and_deletes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        let mut conn = open(&path);
        migrate(&mut conn, &path, &[V1]).unwrap();
        conn.execute("INSERT INTO notes VALUES ('a', 'kept')", [])
            .unwrap();
        let err = migrate(&mut conn, &path, &[V1, BROKEN]).unwrap_err();
        assert!(
            matches!(err, JournalError::Migration { from: 1, to: 2, .. }),
            "{err}"
        );
        assert_eq!(user_version(&conn).unwrap(), 1);
        let count: i64 = conn
            .query_row("SELECT count(*) FROM notes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 1);
        // A second attempt keeps the first backup and takes a new one.
        let _ = migrate(&mut conn, &path, &[V1, BROKEN]);
        assert!(dir.path().join("j.sqlite3.v1.backup").exists());
        assert!(dir.path().join("j.sqlite3.v1.backup-2").exists());
    }

    #[test]
    fn a_newer_schema_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3");
        let mut conn = open(&path);
        migrate(&mut conn, &path, &[V1, V2]).unwrap();
        let err = migrate(&mut conn, &path, &[V1]).unwrap_err();
        assert!(matches!(
            err,
            JournalError::NewerSchema {
                found: 2,
                supported: 1
            }
        ));
        assert_eq!(user_version(&conn).unwrap(), 2);
    }

    #[test]
    fn a_foreign_database_is_not_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite3");
        let mut conn = open(&path);
        conn.execute_batch("CREATE TABLE theirs (x)").unwrap();
        assert!(matches!(
            migrate(&mut conn, &path, &[V1]),
            Err(JournalError::NotAJournal(_))
        ));
    }
}
