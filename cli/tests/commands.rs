//! Every command through the real binary: `--help`, `--json` output, and
//! bad input that fails with one line and writes nothing.

mod common;

use common::{all_no, image, Env};
use serde_json::Value;

/// Runs a short session to the end with `--json` from a script given all at
/// once, advancing every pass by hand (the timers are far too slow to fire
/// first); returns the recorded session.
fn quick_session(env: &Env) -> Value {
    // Sterilise, cleanse; lead-in, vertical pass, horizontal pass; rinse,
    // store; no mask; discomfort and notes.
    let script = format!("{}{}x\n2\nquick\n", all_no(), "\n".repeat(7));
    let out = env.run_with(
        &[
            "--json",
            "session",
            "--areas",
            "nose",
            "--passes",
            "1",
            "--cadence",
            "2",
            "--pace",
            "50",
            "--quiet",
        ],
        &script,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One JSON line per screen update, then the session record.
    assert!(lines.len() > 5, "{text}");
    assert_eq!(lines[0]["view"]["step"], "sterilize_roller");
    lines.last().unwrap().clone()
}

#[test]
fn every_command_has_help() {
    let env = Env::new();
    let commands: &[&[&str]] = &[
        &[],
        &["session"],
        &["profile"],
        &["roller"],
        &["roller", "add"],
        &["roller", "list"],
        &["roller", "retire"],
        &["checkin"],
        &["scar"],
        &["scar", "add"],
        &["scar", "rate"],
        &["scar", "list"],
        &["photo"],
        &["photo", "add"],
        &["photo", "list"],
        &["journal"],
        &["progress"],
        &["plan"],
        &["export"],
        &["import"],
        &["sync"],
        &["sync", "export"],
        &["sync", "import"],
        &["sync", "conflicts"],
        &["sync", "dismiss"],
        &["demo"],
        &["check-roller"],
        &["note"],
        &["delete"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = env.run(&args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{command:?}");
        assert!(text.contains("Usage: dermaroll"), "{command:?}: {text}");
    }
    assert!(!env.journal().exists(), "--help must not create a journal");
}

#[test]
fn profile_roller_scar_photo_json() {
    let env = Env::new();
    assert_eq!(env.json(&["profile"]), Value::Null);
    let profile = env.json(&[
        "profile",
        "--skin",
        "sensitive",
        "--first-timer",
        "--bedtime",
        "23:15",
        "--time-zone",
        "Europe/Berlin",
    ]);
    assert_eq!(profile["sensitivity"], "sensitive");
    assert_eq!(profile["experience"], "first_timer");
    assert_eq!(profile["bedtime_hour"], 23);
    assert_eq!(profile["time_zone"], "Europe/Berlin");
    // Changing one field keeps the others.
    let changed = env.json(&["profile", "--experienced"]);
    assert_eq!(changed["sensitivity"], "sensitive");
    assert_eq!(changed["experience"], "experienced");
    assert_eq!(env.json(&["profile"]), changed);

    let roller = env.json(&["roller", "add", "--needle-mm", "0.25", "--uses", "2"]);
    assert_eq!(roller["needle_mm"], 0.25);
    assert_eq!(roller["uses"], 2);
    let id = roller["id"].as_str().unwrap();
    let list = env.json(&["roller", "list"]);
    assert_eq!(list[0]["roller"]["id"], id);
    assert_eq!(list[0]["replace_after_uses"], 10);
    let retired = env.json(&["roller", "retire", id]);
    assert!(retired["retired"].is_object());

    let scar = env.json(&[
        "scar",
        "add",
        "--area",
        "left-cheek",
        "--kind",
        "rolling",
        "--baseline",
        "7",
        "--notes",
        "by the ear",
    ]);
    assert_eq!(scar["input"]["area"], "left_cheek");
    assert_eq!(scar["input"]["kind"], "rolling");
    let scar_id = scar["id"].as_str().unwrap();
    let rating = env.json(&["scar", "rate", scar_id, "6"]);
    assert_eq!(rating["rating"], 6);
    assert_eq!(rating["scar_id"], scar_id);
    let scars = env.json(&["scar", "list"]);
    assert_eq!(scars.as_array().unwrap().len(), 1);

    let file = image(env.dir.path());
    let photo = env.json(&["photo", "add", file.to_str().unwrap(), "--area", "chin"]);
    assert_eq!(photo["input"]["file_name"], "face-2026-11-25.jpg");
    assert_eq!(photo["input"]["area"], "chin");
    assert_eq!(photo["input"]["content_hash"].as_str().unwrap().len(), 64);
    assert_eq!(env.json(&["photo", "list"])[0]["id"], photo["id"]);
}

#[test]
fn session_checkin_journal_plan_overview_json() {
    let env = Env::new();
    env.setup();
    let record = quick_session(&env);
    assert_eq!(record["areas"][0]["area"], "nose");
    assert_eq!(record["areas"][0]["vertical_passes"], 1);
    assert_eq!(record["areas"][0]["endpoint"], "passes_completed");
    assert_eq!(record["discomfort"], 2);
    let session_id = record["id"].as_str().unwrap();

    let normal = env.json(&["checkin", "--redness"]);
    assert_eq!(normal["check_in"]["input"]["session_id"], session_id);
    assert_eq!(normal["judgement"]["verdict"], "normal");
    let flagged = env.json(&["checkin", "--session", session_id, "--pus"]);
    assert_eq!(flagged["judgement"]["verdict"], "red_flag");
    assert_eq!(flagged["judgement"]["hold_next_session"], true);
    let flag_id = flagged["check_in"]["id"].as_str().unwrap();
    let cleared = env.json(&["checkin", "--cleared", flag_id]);
    assert!(cleared["cleared"].is_object());

    let timeline = env.json(&["journal"]);
    let kinds: Vec<&str> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 3);
    assert_eq!(kinds.iter().filter(|k| **k == "check_in").count(), 2);
    assert!(kinds.contains(&"session"));
    assert_eq!(
        env.json(&["journal", "--limit", "1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let plan = env.json(&["plan", "--wake", "06:45", "--quiet-hours", "23:00-06:30"]);
    let kinds: Vec<&str> = plan["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"session_due"), "{kinds:?}");
    assert!(plan["cap"].as_u64().unwrap() > 0);

    let overview = env.json(&[]);
    assert_eq!(overview["totals"]["sessions"], 1);
    assert_eq!(overview["session_in_progress"], false);
    assert!(overview["next_due"]["due"].is_object());
}

#[test]
fn progress_writes_a_chart_and_prints_json() {
    let env = Env::new();
    let scar = env.json(&[
        "scar",
        "add",
        "--area",
        "forehead",
        "--kind",
        "boxcar",
        "--baseline",
        "8",
    ]);
    let id = scar["id"].as_str().unwrap();
    env.json(&["scar", "rate", id, "7"]);
    env.json(&["scar", "rate", id, "5"]);
    let out = env.dir.path().join("chart.svg");
    let progress = env.json(&["progress", id, "--out", out.to_str().unwrap()]);
    assert_eq!(progress["series"]["ratings"].as_array().unwrap().len(), 2);
    assert_eq!(progress["sparkline"].as_str().unwrap().chars().count(), 3);
    assert_eq!(progress["chart"], out.to_str().unwrap());
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
    assert!(svg.contains("visibility over time"));
    assert!(svg.contains("date"));

    // Without --out the chart goes to the journal's folder, not the folder
    // the command runs in.
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = env.cmd(&["--json", "progress", id]);
    let run = cmd.current_dir(elsewhere.path()).output().unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let progress: Value = serde_json::from_slice(&run.stdout).unwrap();
    let chart = std::path::PathBuf::from(progress["chart"].as_str().unwrap());
    assert_eq!(chart.parent(), env.journal().parent());
    assert!(chart.exists());
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn export_and_import_round_trip() {
    let env = Env::new();
    env.setup();
    env.json(&[
        "scar",
        "add",
        "--area",
        "chin",
        "--kind",
        "ice-pick",
        "--baseline",
        "5",
    ]);
    let exported = env.json(&["export"]);
    assert_eq!(exported["rollers"].as_array().unwrap().len(), 1);
    let file = env.dir.path().join("export.json");
    let out = env.run(&["export", "--out", file.to_str().unwrap()]);
    assert!(out.status.success());
    let csv = env.run(&["export", "--format", "csv-ratings"]);
    assert!(String::from_utf8_lossy(&csv.stdout).lines().count() >= 1);

    let other = Env::new();
    let totals = other.json(&["import", file.to_str().unwrap()]);
    assert_eq!(totals["rollers"], 1);
    assert_eq!(totals["scars"], 1);
    assert_eq!(other.json(&["export"]), exported);
    // A second import into a journal that is no longer empty is refused.
    let again = other.run(&["import", file.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn notes_are_edited_and_entries_deleted_from_the_terminal() {
    let env = Env::new();
    let scar = env.json(&[
        "scar",
        "add",
        "--area",
        "nose",
        "--kind",
        "boxcar",
        "--baseline",
        "6",
    ]);
    let id = scar["id"].as_str().unwrap();
    let rating = env.json(&["scar", "rate", id, "5"]);
    let rating_id = rating["id"].as_str().unwrap();
    env.json(&["note", "scar", id, "by the nostril"]);
    env.json(&["note", "rating", rating_id, "better light"]);
    assert_eq!(
        env.json(&["scar", "list"])[0]["input"]["notes"],
        "by the nostril"
    );
    // Deleting asks first; "n" deletes nothing, "y" deletes.
    let kept = env.run_with(&["delete", "rating", rating_id], "n\n");
    assert_one_line_error(&kept);
    assert!(String::from_utf8_lossy(&kept.stderr).contains("nothing was deleted"));
    let out = env.run_with(&["delete", "rating", rating_id], "y\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let totals = env.json(&[]);
    assert_eq!(totals["totals"]["ratings"], 0);
    // A scar cannot be deleted (its ratings would point nowhere): usage error.
    assert_eq!(
        env.run(&["delete", "scar", id, "--yes"]).status.code(),
        Some(2)
    );
    assert_one_line_error(&env.run(&["note", "session", id, "x"]));
}

#[test]
fn check_roller_json() {
    let env = Env::new();
    let check = env.json(&["check-roller", "--needle-mm", "1.5"]);
    assert_eq!(check["verdict"], "refused");
}

/// One line on stderr, starting with `dermaroll: `, and exit code 1.
fn assert_one_line_error(out: &std::process::Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let last = err.lines().last().unwrap_or("");
    assert!(last.starts_with("dermaroll: "), "{err}");
}

#[test]
fn bad_input_fails_with_one_line_and_writes_nothing() {
    let env = Env::new();
    assert_one_line_error(&env.run(&["roller", "add", "--needle-mm", "-1"]));
    assert_one_line_error(&env.run(&["roller", "add", "--needle-mm", "NaN"]));
    assert_eq!(env.json(&["roller", "list"]), Value::Array(vec![]));
    assert_one_line_error(&env.run(&[
        "scar",
        "add",
        "--area",
        "nose",
        "--kind",
        "boxcar",
        "--baseline",
        "11",
    ]));
    assert_eq!(env.json(&["scar", "list"]), Value::Array(vec![]));
    assert_one_line_error(&env.run(&["scar", "rate", "not-an-id", "3"]));
    assert_one_line_error(&env.run(&["checkin", "--stinging"]));
    assert_one_line_error(&env.run(&["plan"]));
    assert_one_line_error(&env.run(&["progress"]));
    assert_one_line_error(&env.run(&["profile", "--time-zone", "not a zone"]));
    // Written like a zone, but no zone on Earth: refused too.
    let mars = env.run(&["profile", "--time-zone", "Mars/Olympus_Mons"]);
    assert_one_line_error(&mars);
    assert!(String::from_utf8_lossy(&mars.stderr).contains("Mars/Olympus_Mons"));
    assert_eq!(env.json(&["profile"]), Value::Null);
    // A negative length gets the range message, as `roller add` does.
    let negative = env.run(&["check-roller", "--needle-mm", "-1"]);
    assert_one_line_error(&negative);
    assert!(
        String::from_utf8_lossy(&negative.stderr).contains("0.1 to 3 mm"),
        "{}",
        String::from_utf8_lossy(&negative.stderr)
    );
    let garbage = env.dir.path().join("garbage.json");
    std::fs::write(&garbage, "{\"format\": 3").unwrap();
    assert_one_line_error(&env.run(&["import", garbage.to_str().unwrap()]));
    let totals = env.json(&[]);
    assert_eq!(totals["totals"]["rollers"], 0);
    assert_eq!(totals["totals"]["scars"], 0);
    // Usage errors are clap's: exit code 2.
    assert_eq!(
        env.run(&["profile", "--bedtime", "25:00"]).status.code(),
        Some(2)
    );
    assert_eq!(env.run(&["no-such-command"]).status.code(), Some(2));
}

#[test]
fn a_session_is_refused_without_profile_or_on_a_contraindication() {
    let env = Env::new();
    assert_one_line_error(&env.run_with(&["session", "--quiet"], ""));
    env.setup();
    // "Yes" to the first question (active acne): postponed, nothing started.
    let mut script = String::from("y\n");
    script.push_str(&"n\n".repeat(dermaroll_core::protocol::TABLE.contraindications.len() - 1));
    let out = env.run_with(&["session", "--areas", "nose", "--quiet"], &script);
    assert_one_line_error(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not tonight"));
    assert_eq!(env.open().resume_guided_session().unwrap(), None);
    // Input that ends before the questions are answered starts nothing either.
    assert_one_line_error(&env.run_with(&["session", "--areas", "nose", "--quiet"], "n\nn\n"));
    assert_eq!(env.open().resume_guided_session().unwrap(), None);
}
