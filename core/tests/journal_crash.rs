//! The crash test: a writer process (this test binary, re-executed) writes to
//! a journal and prints each id after its commit returned; the parent kills
//! it with SIGKILL at a random moment, 200+ times. After every kill the file
//! must pass `PRAGMA integrity_check`, every id the writer reported must be
//! there, and the saved in-progress state must match the last event written
//! with it (they share one transaction).

mod journal_support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dermaroll_core::journal::*;
use dermaroll_core::protocol::FacialArea;
use journal_support::{at, now};

const WRITER_ENV: &str = "DERMAROLL_CRASH_WRITER_DB";
const KILLS: usize = 220;

/// The writer: runs only when re-executed by the parent with the env var set.
#[test]
fn crash_writer_child() {
    let Ok(path) = std::env::var(WRITER_ENV) else {
        return;
    };
    let j = Journal::open(&path, "test-device").unwrap();
    let roller = match j.roller_wear().unwrap().into_iter().next() {
        Some(wear) => wear.roller,
        None => {
            let r = j
                .add_roller(
                    &NewRoller {
                        needle_mm: 0.25,
                        first_use: at(0),
                        uses_so_far: 0,
                    },
                    &now(),
                )
                .unwrap();
            println!("COMMITTED roller {}", r.id);
            r
        }
    };
    // Finish whatever a previous writer left in progress, so this one can start.
    if let Some(open) = j.in_progress_session().unwrap() {
        j.abandon_session(&open.session_id).unwrap();
    }
    let scar = j
        .add_scar(
            &ScarInput {
                name: String::new(),
                area: FacialArea::Chin,
                kind: ScarKind::IcePick,
                baseline: 6,
                notes: String::new(),
            },
            &now(),
        )
        .unwrap();
    println!("COMMITTED scar {}", scar.id);
    for round in 0u32.. {
        let session_id = Journal::new_id().unwrap();
        for step in 0..8u32 {
            let state = format!(r#"{{"v":1,"session":"{session_id}","step":{step}}}"#);
            let event = j
                .record_session_event(
                    &session_id,
                    &format!(r#"{{"step":{step}}}"#),
                    &at(i64::from(round * 100 + step)),
                    &state,
                )
                .unwrap();
            println!("COMMITTED event {}", event.id);
        }
        let record = SessionRecord {
            id: session_id.clone(),
            roller_id: roller.id.clone(),
            started: at(i64::from(round * 100)),
            ended: at(i64::from(round * 100 + 50)),
            outcome: SessionOutcome::Completed,
            areas: vec![],
            discomfort: Some(1),
            notes: "x".repeat(200),
        };
        j.finish_session(&record, &now()).unwrap();
        println!("COMMITTED session {session_id}");
        let rating = j
            .rate_scar(&scar.id, round % 11, &at(i64::from(round)), "", &now())
            .unwrap();
        println!("COMMITTED rating {}", rating.id);
    }
}

fn table(kind: &str) -> &'static str {
    match kind {
        "roller" => "rollers",
        "scar" => "scars",
        "event" => "session_events",
        "session" => "sessions",
        "rating" => "scar_ratings",
        other => panic!("unknown kind {other}"),
    }
}

fn check(path: &Path, committed: &[(String, String)]) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let report: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(report, "ok");
    let fk: Option<String> = conn
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .ok();
    assert_eq!(fk, None, "a dangling foreign key");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    if version == 0 {
        // Killed before the schema's transaction committed: nothing was promised.
        assert!(committed.is_empty());
        return;
    }
    let mut stored = std::collections::HashMap::new();
    for (kind, id) in committed {
        let ids = stored.entry(table(kind)).or_insert_with(|| {
            let mut stmt = conn
                .prepare(&format!("SELECT id FROM {}", table(kind)))
                .unwrap();
            let ids: std::collections::HashSet<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            ids
        });
        assert!(
            ids.contains(id),
            "committed {kind} {id} is missing after a kill"
        );
    }
    // The saved state is on the latest event of the session in progress,
    // written with it: only that event carries a state, and it is that event's.
    let states: Vec<(String, u32, String)> = conn
        .prepare(
            "SELECT session_id, seq, state_json FROM session_events WHERE state_json IS NOT NULL",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let in_progress: Option<String> = conn
        .query_row("SELECT session_id FROM in_progress", [], |r| r.get(0))
        .ok();
    match in_progress {
        None => assert!(
            states.is_empty(),
            "a state outlived its session: {states:?}"
        ),
        Some(session) => {
            let last: u32 = conn
                .query_row(
                    "SELECT max(seq) FROM session_events WHERE session_id = ?1",
                    [&session],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(states.len(), 1, "{states:?}");
            let (id, seq, state) = &states[0];
            assert_eq!((id, *seq), (&session, last));
            assert!(
                state.ends_with(&format!(r#""step":{}}}"#, last - 1)),
                "{state}"
            );
        }
    }
}

#[test]
#[allow(clippy::disallowed_methods)] // the parent must wait a random moment before the kill
fn sigkill_at_random_moments_loses_no_committed_write() {
    if std::env::var(WRITER_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let mut committed: Vec<(String, String)> = Vec::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut kills_mid_write = 0;
    for round in 0..KILLS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // From "while opening" to "well into the writes".
        let delay = Duration::from_micros(500 + seed % 40_000);
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(WRITER_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| {
                    let rest = line.strip_prefix("COMMITTED ")?;
                    let (kind, id) = rest.split_once(' ')?;
                    Some((kind.to_string(), id.to_string()))
                })
                .collect::<Vec<_>>()
        });
        std::thread::sleep(delay);
        // SIGKILL: no destructor, no flush, no rollback by the writer.
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "round {round}: the writer finished before the kill"
        );
        let reported = reader.join().unwrap();
        if !reported.is_empty() {
            kills_mid_write += 1;
        }
        committed.extend(reported);
        check(&path, &committed);
    }
    // The journal still opens and works after all of that.
    let j = Journal::open(&path, "test-device").unwrap();
    j.integrity_check().unwrap();
    let totals = j.totals().unwrap();
    assert!(totals.session_events > 0);
    assert!(
        kills_mid_write > KILLS / 2,
        "only {kills_mid_write} kills landed mid-write"
    );
    eprintln!(
        "crash test: {KILLS} kills ({kills_mid_write} mid-write), {} committed writes checked, {:.1} s",
        committed.len(),
        started.elapsed().as_secs_f64()
    );
}
