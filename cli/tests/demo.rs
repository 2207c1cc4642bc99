//! `dermaroll demo` on a fresh folder: a year of sessions, a readable chart,
//! the timeline and the plan.

mod common;

use common::BIN;
use std::process::Command;

#[test]
fn the_demo_fills_a_year_and_writes_a_chart() {
    let dir = tempfile::tempdir().unwrap();
    let scratch = dir.path().join("demo");
    let out = Command::new(BIN)
        .env_remove("DERMAROLL_JOURNAL")
        .args(["--json", "demo", "--dir"])
        .arg(&scratch)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!report["timeline"].as_array().unwrap().is_empty());
    assert!(!report["plan"]["notifications"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(report["sparkline"].as_str().unwrap().chars().count(), 12);

    let journal =
        dermaroll_core::journal::Journal::open(scratch.join("journal.sqlite3"), "test-reader")
            .unwrap();
    let totals = journal.totals().unwrap();
    assert_eq!(totals.sessions, 12);
    assert_eq!(totals.rollers, 2);
    assert!(totals.check_ins >= 22, "{totals:?}");
    assert_eq!(journal.resume_guided_session().unwrap(), None);
    // Ratings improve over the year.
    for scar in journal.scars().unwrap() {
        let series = journal.scar_series(&scar.id).unwrap();
        let last = series.ratings.last().unwrap().rating;
        assert!(last + 2 < scar.input.baseline, "{series:?}");
    }

    // The chart: an SVG with a title, axis labels and dates as text.
    let chart = std::fs::read_to_string(report["chart"].as_str().unwrap()).unwrap();
    assert!(chart.starts_with("<svg"));
    for text in [
        "visibility over time",
        ">\ndate\n<",
        "visibility (0 = invisible",
    ] {
        assert!(chart.contains(text), "{text:?} missing");
    }
    let year = chrono::Utc::now().format("%Y").to_string();
    assert!(
        chart.contains(&format!("\n{year}-"))
            || chart.contains(&format!("\n{}-", year.parse::<i32>().unwrap() - 1))
    );

    // A second demo into the same folder is refused and changes nothing.
    let again = Command::new(BIN)
        .args(["demo", "--dir"])
        .arg(&scratch)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(journal.totals().unwrap().sessions, 12);
}

#[test]
fn the_demo_speaks_plainly_without_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["demo", "--dir"])
        .arg(dir.path().join("demo"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for part in ["Demo journal:", "session", "chart: ", "Session night"] {
        assert!(text.contains(part), "{part:?} missing:\n{text}");
    }
}
