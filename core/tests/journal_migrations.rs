//! Every released schema version has a frozen fixture database in
//! `core/tests/fixtures/journal/v<N>.sqlite3`. Each is upgraded to the
//! current schema and compared with a freshly created one; its records must
//! all be there afterwards.
//!
//! A fixture is made once, when its version is released, with
//! `cargo test -p dermaroll-core --test journal_migrations -- --ignored generate_fixture`,
//! and committed; it is never regenerated.

mod journal_support;

use std::path::{Path, PathBuf};

use dermaroll_core::journal::*;
use journal_support::{export, fill};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal")
}

fn schema(path: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .map(|(t, n, sql): (String, String, String)| {
            (t, n, sql.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect();
    rows
}

#[test]
#[ignore = "run once when a schema version is released; the fixture is then frozen"]
fn generate_fixture() {
    let target = fixture_dir().join(format!("v{CURRENT_VERSION}.sqlite3"));
    assert!(
        !target.exists(),
        "{} is frozen: never regenerate a released fixture",
        target.display()
    );
    std::fs::create_dir_all(fixture_dir()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("journal.sqlite3");
    {
        let j = Journal::open(&work, "test-device").unwrap();
        fill(&j, 3);
        // Sync state (schema 2 on): a stamped note edit and a tombstone.
        let now = journal_support::now();
        let scar = j.scars().unwrap().remove(0);
        j.edit_notes(NotesOf::Scar, &scar.id, "edited for the fixture", &now)
            .unwrap();
        let photo = j
            .add_photo(
                &PhotoInput {
                    file_name: "gone.jpg".into(),
                    taken: now.clone(),
                    area: dermaroll_core::protocol::FacialArea::Chin,
                    content_hash: "ab".repeat(32),
                    session_id: None,
                },
                &now,
            )
            .unwrap();
        j.delete_entry(EntryKind::Photo, &photo.id, &now).unwrap();
    }
    // The device-local part (schema 3 on), as a device would hold it.
    {
        let conn = rusqlite::Connection::open(&work).unwrap();
        conn.execute_batch(
            "INSERT INTO local_preferences (singleton, wake_hour, wake_minute, lead_minutes, reminders)
                 VALUES (1, 6, 45, 45, 1);
             INSERT INTO local_timers (id, kind, started_ms, started_offset, started_zone, minutes)
                 VALUES ('0b6c9e4a-3f1d-4c8e-9a7b-5d2e1f0c3b4a', 'mask', 1798761600000, 60, 'Europe/Berlin', 15);
             INSERT INTO local_held_notifications (id) VALUES ('session-due:2027-02-28#0badc0de');",
        )
        .unwrap();
    }
    // One self-contained file: fold the WAL back in and leave WAL mode.
    let conn = rusqlite::Connection::open(&work).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
        .unwrap();
}

#[test]
fn every_released_schema_has_a_fixture() {
    for version in 1..=CURRENT_VERSION {
        let path = fixture_dir().join(format!("v{version}.sqlite3"));
        assert!(
            path.exists(),
            "no fixture for schema version {version}: {}",
            path.display()
        );
    }
}

#[test]
fn every_fixture_upgrades_to_the_fresh_schema_keeping_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.sqlite3");
    drop(Journal::open(&fresh, "test-device").unwrap());
    let expected = schema(&fresh);
    assert!(expected.len() >= 9, "{expected:?}");

    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite3"))
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty());
    for fixture in fixtures {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let version: u32 = name
            .trim_start_matches('v')
            .trim_end_matches(".sqlite3")
            .parse()
            .unwrap();
        let copy = dir.path().join(&name);
        std::fs::copy(&fixture, &copy).unwrap();
        let j = Journal::open(&copy, "test-device").unwrap();
        assert_eq!(
            j.migration_backup().is_some(),
            version < CURRENT_VERSION,
            "{name}"
        );
        j.integrity_check().unwrap();
        let totals = j.totals().unwrap();
        assert!(
            totals.sessions >= 3 && totals.check_ins >= 6 && totals.ratings >= 3,
            "{name}: {totals:?}"
        );
        assert!(j.in_progress_session().unwrap().is_some(), "{name}");
        // The upgraded journal exports and re-imports identically.
        let text = export(&j);
        drop(j);
        assert_eq!(
            schema(&copy),
            expected,
            "{name} differs from a fresh schema after upgrading"
        );
        let (_d, empty) = journal_support::journal();
        empty
            .import_json(text.as_bytes(), &journal_support::now())
            .unwrap();
        assert_eq!(export(&empty), text, "{name}");
    }
}
