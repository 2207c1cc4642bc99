//! Every input the fuzz target (core/fuzz, `scripts/fuzz`) ever crashed on is
//! kept in `core/tests/fixtures/sync_fuzz/` and run here through the same
//! calls: each must be refused or decoded, never panic. The folder also
//! holds the fuzzer's seeds (`seed-*`).

use std::path::PathBuf;

use dermaroll_core::sync::{age, codec, open_file, RecordState, Stamp, SyncState, Value};

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sync_fuzz")
}

#[test]
fn every_kept_input_is_handled_without_a_panic() {
    let mut seen = 0;
    for entry in std::fs::read_dir(folder()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let _ = open_file(&bytes, "fuzz", 2);
        let _ = codec::decode(&bytes);
        seen += 1;
    }
    assert!(seen >= 2, "the seeds are missing");
}

#[test]
fn the_seeds_decode() {
    let plain = std::fs::read(folder().join("seed-plain")).unwrap();
    let state = codec::decode(&plain).unwrap();
    let file = std::fs::read(folder().join("seed-encrypted")).unwrap();
    assert_eq!(open_file(&file, "fuzz", 2).unwrap(), state);
}

#[test]
#[ignore = "writes the fuzz seeds; run once when the format changes"]
fn generate_seeds() {
    let stamp = Stamp(1 << 40, "seed-device".into());
    let mut record = RecordState::created(
        [
            ("area".to_string(), Value::Text("chin".into())),
            ("baseline".to_string(), Value::Int(5)),
            ("notes".to_string(), Value::Text("seed".into())),
        ],
        &stamp,
    );
    record.edit(
        "notes",
        Value::Text("edited".into()),
        Stamp(2 << 40, "other".into()),
    );
    let mut gone = RecordState::default();
    gone.delete(Stamp(3 << 40, "seed-device".into()));
    let mut state = SyncState::default();
    state.records.insert(("photos".into(), "p".into()), gone);
    state.records.insert(("scars".into(), "s".into()), record);
    let plain = codec::encode(&state);
    std::fs::write(folder().join("seed-plain"), &plain).unwrap();
    let file = age::encrypt(&plain, "fuzz", 2).unwrap();
    std::fs::write(folder().join("seed-encrypted"), file).unwrap();
}
