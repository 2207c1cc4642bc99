//! `dermaroll sync` through the real binary: a file exported on one journal
//! and imported into another carries every record; a wrong passphrase or a
//! damaged file fails with one line and changes nothing; concurrent notes
//! are kept, listed and dismissed.
//!
//! Deriving the key of a file the CLI writes (scrypt 2^15) takes seconds in
//! a debug build, so only the round trip uses one; the other tests import
//! files written through the core with a small work factor.

mod common;

use std::path::Path;
use std::process::Output;

use common::Env;
use serde_json::Value;

const PASS: &str = "correct horse battery staple";
const VAR: &str = "DERMAROLL_SYNC_PASSPHRASE";
/// The work factor of the files written through the core here (reading
/// accepts any up to 2^18; the CLI always writes 2^15).
const TEST_LOG_N: u8 = 10;

/// Runs with the passphrase in the environment.
fn run(env: &Env, args: &[&str], passphrase: &str) -> Output {
    env.run_with_env(args, &[(VAR, passphrase)], "")
}

/// Expects success and parses stdout as JSON.
fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Exit code 1 and one `dermaroll: ` line on stderr containing `text`.
fn assert_refused(out: &Output, text: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("dermaroll: "), "{err}");
    assert!(err.contains(text), "{err}");
    assert!(!err.contains(PASS), "the passphrase was printed: {err}");
}

/// Writes `env`'s sync file through the core, with the small work factor.
fn core_export(env: &Env, path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    env.open()
        .export_sync(file, PASS, TEST_LOG_N, None)
        .unwrap();
}

fn add_scar(env: &Env, notes: &str) -> String {
    let scar = env.json(&[
        "scar",
        "add",
        "--area",
        "chin",
        "--kind",
        "rolling",
        "--baseline",
        "6",
        "--notes",
        notes,
    ]);
    scar["id"].as_str().unwrap().to_string()
}

#[test]
fn a_file_exported_on_one_journal_brings_every_record_into_another() {
    let first = Env::new();
    first.setup();
    let scar = add_scar(&first, "by the ear");
    first.json(&["scar", "rate", &scar, "5"]);

    let file = first.dir.path().join("phone.age");
    let file_arg = file.to_str().unwrap();
    let out = run(&first, &["--json", "sync", "export", file_arg], PASS);
    let exported = json(&out);
    assert_eq!(exported["file"], file_arg);
    assert!(exported["bytes"].as_u64().unwrap() > 100);
    // Stamped with this install's id, kept beside the journal.
    let id_file = first.dir.path().join("journal.sqlite3.device-id");
    let device = std::fs::read_to_string(id_file).unwrap();
    assert_eq!(exported["device_id"], device.trim());
    let bytes = std::fs::read(&file).unwrap();
    let header = String::from_utf8_lossy(&bytes[..bytes.len().min(120)]).to_string();
    let mut lines = header.lines();
    assert_eq!(lines.next(), Some("age-encryption.org/v1"));
    let stanza = lines.next().unwrap();
    assert!(
        stanza.starts_with("-> scrypt ") && stanza.ends_with(" 15"),
        "{stanza}"
    );
    assert!(!first.dir.path().join("phone.age.partial").exists());
    assert!(!String::from_utf8_lossy(&bytes).contains("by the ear"));

    let second = Env::new();
    let out = run(&second, &["--json", "sync", "import", file_arg], PASS);
    assert!(!String::from_utf8_lossy(&out.stdout).contains(PASS));
    let report = json(&out);
    // The profile, the roller, the scar and its rating.
    assert_eq!(report["added"], 4, "{report}");
    assert_eq!(report["updated"], 0);
    assert_eq!(report["unchanged"], 0);
    assert_eq!(report["conflicts"], 0);
    assert_eq!(report["warnings"], Value::Array(vec![]));

    assert_eq!(second.json(&["journal"]), first.json(&["journal"]));
    assert_eq!(second.json(&["scar", "list"])[0]["id"], scar.as_str());
    assert_eq!(second.json(&["export"]), first.json(&["export"]));
}

#[test]
fn a_wrong_passphrase_or_a_damaged_file_changes_nothing() {
    let first = Env::new();
    first.setup();
    add_scar(&first, "from the first");
    let file = first.dir.path().join("sync.age");
    core_export(&first, &file);
    let file_arg = file.to_str().unwrap();

    let second = Env::new();
    add_scar(&second, "from the second");
    let before = second.json(&["export"]);

    let args = ["sync", "import", file_arg];
    assert_refused(
        &run(&second, &args, "wrong horse"),
        "the passphrase does not open this sync file",
    );
    assert_refused(&run(&second, &args, ""), "passphrase is empty");
    assert_refused(
        &second.run(&args),
        "no passphrase: stdin is empty (set DERMAROLL_SYNC_PASSPHRASE",
    );
    let bytes = std::fs::read(&file).unwrap();
    let mut altered = bytes.clone();
    let last = altered.len() - 20;
    altered[last] ^= 1;
    let damaged = second.dir.path().join("damaged.age");
    std::fs::write(&damaged, &altered).unwrap();
    let damaged_args = ["sync", "import", damaged.to_str().unwrap()];
    assert_refused(&run(&second, &damaged_args, PASS), "altered or damaged");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused(&run(&second, &damaged_args, PASS), "dermaroll: importing");
    assert_refused(
        &run(&second, &["sync", "import", "no-such.age"], PASS),
        "no-such.age",
    );
    assert_eq!(second.json(&["export"]), before);

    // An export without a passphrase writes nothing.
    let none = second.dir.path().join("none.age");
    let none_args = ["sync", "export", none.to_str().unwrap()];
    assert_refused(&run(&second, &none_args, ""), "passphrase is empty");
    assert!(!none.exists());
    assert!(!second.dir.path().join("none.age.partial").exists());

    // The right passphrase, as one line on stdin, in words.
    let out = second.run_with(&args, &format!("{PASS}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!(
            "Imported {file_arg}: 3 added, 0 updated, 0 unchanged, no new conflicts."
        )),
        "{text}"
    );
    assert!(!text.contains(PASS));
    assert_eq!(second.json(&["scar", "list"]).as_array().unwrap().len(), 2);
}

#[test]
fn concurrent_notes_are_kept_listed_and_dismissed() {
    let first = Env::new();
    let scar = add_scar(&first, "as written");
    let file = first.dir.path().join("first.age");
    core_export(&first, &file);
    let second = Env::new();
    let report = json(&run(
        &second,
        &["--json", "sync", "import", file.to_str().unwrap()],
        PASS,
    ));
    assert_eq!(report["added"], 1);

    // Both devices edit the same notes before they sync again, at the terminal.
    for (env, text) in [
        (&first, "edited on the first"),
        (&second, "edited on the second"),
    ] {
        let out = env.run(&["note", "scar", &scar, text]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let back = second.dir.path().join("second.age");
    core_export(&second, &back);
    let report = json(&run(
        &first,
        &["--json", "sync", "import", back.to_str().unwrap()],
        PASS,
    ));
    assert_eq!(report["conflicts"], 1, "{report}");

    let conflicts = first.json(&["sync", "conflicts"]);
    let conflicts = conflicts.as_array().unwrap();
    assert_eq!(conflicts.len(), 1);
    let c = &conflicts[0];
    assert_eq!(c["table"], "scars");
    assert_eq!(c["record_id"], scar.as_str());
    let mut texts = [
        c["kept_text"].as_str().unwrap(),
        c["lost_text"].as_str().unwrap(),
    ];
    texts.sort();
    assert_eq!(texts, ["edited on the first", "edited on the second"]);
    let clock = c["lost_clock"].as_u64().unwrap().to_string();

    let listed = first.run(&["sync", "conflicts"]);
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.contains(&format!("scar {scar} (notes)")), "{listed}");
    assert!(
        listed.contains(&format!("dermaroll sync dismiss {scar} --clock {clock}")),
        "{listed}"
    );

    assert_refused(
        &first.run(&["sync", "dismiss", "no-such-id"]),
        "no such conflict",
    );
    assert_refused(
        &first.run(&["sync", "dismiss", &scar, "--clock", "1"]),
        "no such conflict",
    );
    let dismissed = first.json(&["sync", "dismiss", &scar, "--clock", &clock]);
    assert_eq!(&dismissed, c);
    assert_eq!(first.json(&["sync", "conflicts"]), Value::Array(vec![]));
    assert_refused(&first.run(&["sync", "dismiss", &scar]), "no such conflict");
}

#[test]
fn photo_images_travel_with_photos_folders() {
    let first = Env::new();
    first.setup();
    let pictures = first.dir.path().join("pictures");
    std::fs::create_dir_all(&pictures).unwrap();
    let image = pictures.join("chin-week-1.jpg");
    let bytes: Vec<u8> = (0..30_000u32).map(|i| (i * 13 % 251) as u8).collect();
    std::fs::write(&image, &bytes).unwrap();
    first.json(&["photo", "add", image.to_str().unwrap(), "--area", "chin"]);

    let file = first.dir.path().join("phone.age");
    let file_arg = file.to_str().unwrap();
    let pictures_arg = pictures.to_str().unwrap();
    let out = run(
        &first,
        &["sync", "export", file_arg, "--photos", pictures_arg],
        PASS,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let second = Env::new();
    let arrived = second.dir.path().join("arrived");
    std::fs::create_dir_all(&arrived).unwrap();
    let arrived_arg = arrived.to_str().unwrap();
    let out = run(
        &second,
        &["sync", "import", file_arg, "--photos", arrived_arg],
        PASS,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("1 photo image saved"), "{text}");
    assert_eq!(
        std::fs::read(arrived.join("chin-week-1.jpg")).unwrap(),
        bytes
    );
}
