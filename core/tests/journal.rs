//! The journal through its public API: writes, queries, typed errors that
//! write nothing, exports and import, and eight threads at once.

mod journal_support;

use std::sync::Arc;
use std::time::Duration;

use dermaroll_core::journal::export_csv::CsvTable;
use dermaroll_core::journal::*;
use dermaroll_core::protocol::{AftercareVerdict, FacialArea, RedFlag, Rhythm};
use journal_support::*;

#[test]
fn queries_answer_what_a_screen_needs() {
    let (_dir, j) = journal();
    fill(&j, 4);
    let totals = j.totals().unwrap();
    assert_eq!(
        totals,
        queries::JournalTotals {
            rollers: 2,
            sessions: 5,
            session_events: 13,
            check_ins: 8,
            open_red_flags: 0,
            scars: 2,
            ratings: 4,
            photos: 4,
        }
    );

    // The timeline pages newest first, without gaps or repeats.
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = j.timeline(cursor.as_ref(), 3).unwrap();
        seen.extend(page.items.iter().map(|i| (i.at.at, i.id.clone(), i.kind)));
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5 + 8 + 4 + 4);
    let mut sorted = seen.clone();
    sorted.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    assert_eq!(seen, sorted);

    // The newest session is the abandoned one; the newest completed one has
    // both its areas and its check-ins.
    let detail = seen
        .iter()
        .filter(|i| i.2 == queries::TimelineKind::Session)
        .map(|i| j.session_detail(&i.1).unwrap())
        .find(|d| d.session.outcome == SessionOutcome::Completed)
        .unwrap();
    assert_eq!(detail.session.areas.len(), 2);
    assert_eq!(detail.roller.needle_mm, 0.5);
    assert_eq!(detail.check_ins.len(), 2);
    assert!(detail
        .check_ins
        .iter()
        .all(|c| c.judgement.verdict == AftercareVerdict::Normal));

    let scar = j
        .scars()
        .unwrap()
        .into_iter()
        .find(|s| s.archived.is_none())
        .unwrap();
    let series = j.scar_series(&scar.id).unwrap();
    assert_eq!(
        series.ratings.iter().map(|r| r.rating).collect::<Vec<_>>(),
        vec![7, 6, 5, 4]
    );

    let wear = j.roller_wear().unwrap();
    assert_eq!(wear.len(), 2);
    let active = wear.iter().find(|w| w.roller.retired.is_none()).unwrap();
    assert_eq!(
        (active.roller.uses, active.sessions, active.replace_now),
        (6, 5, false)
    );
    let retired = wear.iter().find(|w| w.roller.retired.is_some()).unwrap();
    assert!(
        !retired.replace_now,
        "a retired roller is not due for replacement"
    );

    // Four monthly sessions from January and an abandoned fifth (it counts:
    // its passes were done); at "now" (a year on) 13 were due.
    let adherence = j.adherence(&now()).unwrap();
    assert_eq!(adherence.rhythm, Some(Rhythm::Monthly));
    assert_eq!((adherence.sessions_done, adherence.sessions_due), (5, 13));

    let resumed = j.in_progress_session().unwrap().unwrap();
    assert_eq!(resumed.state_json, r#"{"v":1,"step":0}"#);
    assert_eq!(j.profile().unwrap().unwrap().bedtime_hour, 22);
}

#[test]
fn a_red_flag_holds_the_next_session_until_cleared() {
    let (_dir, j) = journal();
    let roller = j
        .add_roller(
            &NewRoller {
                needle_mm: 0.5,
                first_use: at(0),
                uses_so_far: 0,
            },
            &now(),
        )
        .unwrap();
    let s = session(&j, &roller.id, 0);
    let late_sting = j
        .record_check_in(&check_in(&s, 45, true, false), &now())
        .unwrap();
    assert_eq!(
        late_sting.judgement.red_flags,
        vec![RedFlag::StingingTooLong]
    );
    assert!(late_sting.judgement.hold_next_session);
    let hold = j.session_hold().unwrap().unwrap();
    assert_eq!(hold.check_in_id, late_sting.check_in.id);
    assert_eq!(j.totals().unwrap().open_red_flags, 1);
    j.confirm_cleared(&hold.check_in_id, &now()).unwrap();
    assert_eq!(j.session_hold().unwrap(), None);
    assert!(j
        .timeline(None, 10)
        .unwrap()
        .items
        .iter()
        .any(|i| i.summary == "red flag, cleared"));
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let (_dir, j) = journal();
    fill(&j, 2);
    let before = export(&j);
    let scar = j.scars().unwrap()[0].id.clone();
    let unknown = Journal::new_id().unwrap();
    let far_future = at(400 * 86_400);

    let rating = j.rate_scar(&scar, 11, &at(1000), "", &now()).unwrap_err();
    assert_eq!(rating.field(), Some("rating"));
    let not_found = j.rate_scar(&unknown, 3, &at(1000), "", &now()).unwrap_err();
    assert!(
        matches!(
            not_found,
            JournalError::NotFound {
                what: RecordKind::Scar,
                ..
            }
        ),
        "{not_found}"
    );
    let long = j
        .rate_scar(&scar, 3, &at(1000), &"x".repeat(5000), &now())
        .unwrap_err();
    assert_eq!(long.field(), Some("notes"));
    let future = j.rate_scar(&scar, 3, &far_future, "", &now()).unwrap_err();
    assert_eq!(future.field(), Some("at"));
    for empty in [0.0, f64::NAN, -0.5] {
        let roller = j
            .add_roller(
                &NewRoller {
                    needle_mm: empty,
                    first_use: at(0),
                    uses_so_far: 0,
                },
                &now(),
            )
            .unwrap_err();
        assert_eq!(roller.field(), Some("needle_mm"));
    }
    let bad_id = j.session_detail("42").unwrap_err();
    assert_eq!(bad_id.field(), Some("session_id"));
    let gone = j.session_detail(&unknown).unwrap_err();
    assert!(matches!(
        gone,
        JournalError::NotFound {
            what: RecordKind::Session,
            ..
        }
    ));
    let mut photo = PhotoInput {
        file_name: "../escape.jpg".into(),
        taken: at(10),
        area: FacialArea::Chin,
        content_hash: "ab".repeat(32),
        session_id: None,
    };
    assert_eq!(
        j.add_photo(&photo, &now()).unwrap_err().field(),
        Some("file_name")
    );
    photo.file_name = "ok.jpg".into();
    photo.content_hash = "not hex".into();
    assert_eq!(
        j.add_photo(&photo, &now()).unwrap_err().field(),
        Some("content_hash")
    );
    let mut check = check_in(
        &j.session_detail(&first_session(&j)).unwrap().session,
        -5,
        true,
        false,
    );
    assert_eq!(
        j.record_check_in(&check, &now()).unwrap_err().field(),
        Some("at")
    );
    check.session_id = unknown;
    check.at = at(0);
    assert!(matches!(
        j.record_check_in(&check, &now()),
        Err(JournalError::NotFound { .. })
    ));

    assert_eq!(export(&j), before, "a refused write changed the journal");
}

fn first_session(j: &Journal) -> String {
    j.timeline(None, 500)
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.kind == queries::TimelineKind::Session)
        .unwrap()
        .id
}

#[test]
fn export_then_import_gives_an_identical_journal() {
    let (_dir, j) = journal();
    fill(&j, 5);
    let text = export(&j);
    let (_dir2, copy) = journal();
    copy.import_json(text.as_bytes(), &now()).unwrap();
    assert_eq!(export(&copy), text);
    assert_eq!(copy.totals().unwrap(), j.totals().unwrap());
    assert_eq!(
        copy.in_progress_session().unwrap(),
        j.in_progress_session().unwrap()
    );

    // Into a journal that already holds records: refused, nothing written.
    let refused = copy.import_json(text.as_bytes(), &now()).unwrap_err();
    assert!(matches!(refused, JournalError::NotAllowed(_)));
    assert_eq!(export(&copy), text);
}

#[test]
fn import_refuses_newer_or_broken_exports_and_writes_nothing() {
    let (_dir, j) = journal();
    fill(&j, 2);
    let text = export(&j);
    let (_dir2, empty) = journal();
    let newer = text.replacen("\"version\":2", "\"version\":9", 1);
    assert!(matches!(
        empty.import_json(newer.as_bytes(), &now()),
        Err(JournalError::NewerExport {
            found: 9,
            supported: 2
        })
    ));
    assert_eq!(
        empty.import_json(&b"{"[..], &now()).unwrap_err().field(),
        Some("json")
    );
    let bad_rating = text.replacen("\"rating\":7", "\"rating\":70", 1);
    assert_eq!(
        empty
            .import_json(bad_rating.as_bytes(), &now())
            .unwrap_err()
            .field(),
        Some("rating")
    );
    let mut twice: serde_json::Value = serde_json::from_str(&text).unwrap();
    let first_id = twice["session_events"][0]["id"].clone();
    twice["session_events"][1]["id"] = first_id;
    let twice = serde_json::to_string(&twice).unwrap();
    assert_eq!(
        empty
            .import_json(twice.as_bytes(), &now())
            .unwrap_err()
            .field(),
        Some("session_events.id")
    );
    assert_eq!(
        empty.totals().unwrap().rollers,
        0,
        "a failed import wrote something"
    );
}

#[test]
fn csv_exports_one_row_per_record_with_quoting() {
    let (_dir, j) = journal();
    fill(&j, 3);
    let csv = |table| {
        let mut out = Vec::new();
        j.export_csv(table, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let sessions = csv(CsvTable::Sessions);
    let lines: Vec<_> = sessions.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines.len(),
        1 + 3 + 1,
        "three completed sessions, one abandoned"
    );
    assert!(lines[0].starts_with("id,started_utc"));
    assert!(
        lines[1].contains("left_cheek:6/6:passes_completed;forehead:4/3:dark_pink_red"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("\"tingly, \"\"fine\"\", then calm\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("2026-01-01T21:00:00.000Z"),
        "{}",
        lines[1]
    );
    assert_eq!(csv(CsvTable::CheckIns).lines().count(), 1 + 6);
    assert_eq!(csv(CsvTable::Ratings).lines().count(), 1 + 3);
}

#[test]
fn eight_threads_write_and_read_one_journal() {
    const THREADS: usize = 8;
    const ROUNDS: usize = 25;
    let (_dir, j) = journal();
    let j = Arc::new(j);
    let roller = j
        .add_roller(
            &NewRoller {
                needle_mm: 0.25,
                first_use: at(0),
                uses_so_far: 0,
            },
            &now(),
        )
        .unwrap();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    for t in 0..THREADS {
        let j = Arc::clone(&j);
        let done = done_tx.clone();
        let roller_id = roller.id.clone();
        std::thread::spawn(move || {
            let scar = j
                .add_scar(
                    &ScarInput {
                        name: String::new(),
                        area: FacialArea::ALL[t % 6],
                        kind: ScarKind::Boxcar,
                        baseline: 5,
                        notes: String::new(),
                    },
                    &now(),
                )
                .unwrap();
            for round in 0..ROUNDS {
                let secs = (t * ROUNDS + round) as i64 * 3600;
                j.rate_scar(&scar.id, (round % 11) as u32, &at(secs), "", &now())
                    .unwrap();
                if round % 5 == 0 {
                    let record = SessionRecord {
                        id: Journal::new_id().unwrap(),
                        roller_id: roller_id.clone(),
                        started: at(secs),
                        ended: at(secs + 600),
                        outcome: SessionOutcome::Completed,
                        areas: vec![],
                        discomfort: Some(2),
                        notes: String::new(),
                    };
                    j.finish_session(&record, &now()).unwrap();
                }
                // Readers interleave with the writers.
                let totals = j.totals().unwrap();
                assert!(totals.ratings >= 1 && totals.scars >= 1);
                j.timeline(None, 20).unwrap();
                j.scar_series(&scar.id).unwrap();
            }
            done.send(t).unwrap();
        });
    }
    drop(done_tx);
    for _ in 0..THREADS {
        done_rx
            .recv_timeout(Duration::from_secs(120))
            .expect("a thread did not finish: deadlock or panic");
    }
    let totals = j.totals().unwrap();
    assert_eq!(totals.scars, THREADS as u64);
    assert_eq!(totals.ratings, (THREADS * ROUNDS) as u64);
    assert_eq!(totals.sessions, (THREADS * ROUNDS / 5) as u64);
    let wear = j.roller_wear().unwrap();
    assert_eq!(wear[0].roller.uses as u64, totals.sessions);
    j.integrity_check().unwrap();
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    {
        let j = Journal::open(&path, "test-device").unwrap();
        fill(&j, 1);
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Journal::open(&path, "test-device").unwrap_err();
    assert!(
        matches!(
            err,
            JournalError::NewerSchema {
                found: 99,
                supported: CURRENT_VERSION
            }
        ),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn records_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let text = {
        let j = Journal::open(&path, "test-device").unwrap();
        fill(&j, 2);
        export(&j)
    };
    let j = Journal::open(&path, "test-device").unwrap();
    assert_eq!(export(&j), text);
    assert_eq!(j.migration_backup(), None);
    j.integrity_check().unwrap();
}

#[test]
fn several_openers_of_one_new_file_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || {
                Journal::open(&path, "test-device").map(|j| j.totals().unwrap().rollers)
            })
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap().unwrap(), 0);
    }
}

#[test]
fn someone_elses_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE theirs (x); INSERT INTO theirs VALUES (1);")
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        Journal::open(&path, "test-device"),
        Err(JournalError::NotAJournal(_))
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}
