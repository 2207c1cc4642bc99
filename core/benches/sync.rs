//! Sync benchmarks (run with `scripts/bench`, never in the timed tests).
//!
//! A journal of 100,000 records (1 scar, 49,999 ratings, 50,000 photo
//! references) takes in an encrypted sync file of another 100,000 such
//! records, in a fresh child process so that its peak memory (VmHWM) is its
//! own. Printed on SUMMARY lines, in one run:
//! - the passphrase's key derivation alone (scrypt at the pinned work factor);
//! - merging the new file (whole import: decrypt, decode, merge, one commit);
//! - re-importing the identical file (every record unchanged);
//! - a bare rusqlite bulk insert of the same 100,000 rows in one transaction;
//! - the peak memory of the process (VmHWM) and the Rust heap peak.
//!
//! Targets: merge < 1 s, re-import < 0.5 s, peak < 50 MB. Criterion also
//! times the re-import of a plaintext file (repeatable: it changes nothing).
#![allow(clippy::disallowed_methods)] // a benchmark reads the clock by definition

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use chrono::DateTime;
use criterion::{criterion_group, Criterion};
use dermaroll_core::journal::{Journal, Moment};
use dermaroll_core::sync::{age, codec, RecordState, Stamp, Value};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const CHILD_ENV: &str = "DERMAROLL_BENCH_SYNC_CHILD";
const RECORDS: usize = 100_000;
const PASSPHRASE: &str = "benchmark passphrase";
const BASE_MS: i64 = 1_767_225_600_000;

fn now() -> Moment {
    Moment {
        at: DateTime::from_timestamp_millis(BASE_MS + 400 * 86_400_000).unwrap_or_default(),
        utc_offset_minutes: 60,
        zone: "Europe/Berlin".into(),
    }
}

fn dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sync-bench");
    std::fs::create_dir_all(&dir).unwrap_or_default();
    dir
}

fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn ids(n: usize) -> Vec<String> {
    let mut ids: Vec<String> = (0..n)
        .map(|_| Journal::new_id().unwrap_or_else(|e| panic!("{e}")))
        .collect();
    ids.sort();
    ids
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

/// The canonical plaintext of `RECORDS` records from one device.
fn plaintext(device: &str) -> Vec<u8> {
    let stamp = Stamp((BASE_MS as u64) << 16, device.into());
    let scar = ids(1).remove(0);
    let ratings = ids(RECORDS / 2 - 1);
    let photos = ids(RECORDS / 2);
    let mut out = Vec::new();
    let _ = codec::write_header(&mut out, RECORDS as u64, 0);
    for (i, id) in photos.iter().enumerate() {
        let record = RecordState::created(
            [
                ("area".into(), text("chin")),
                ("content_hash".into(), Value::Text(format!("{i:064x}"))),
                ("file_name".into(), Value::Text(format!("photo-{i}.jpg"))),
                ("taken_ms".into(), Value::Int(BASE_MS + i as i64 * 1000)),
                ("taken_offset".into(), Value::Int(60)),
                ("taken_zone".into(), text("Europe/Berlin")),
            ],
            &stamp,
        );
        let _ = codec::write_record(&mut out, &("photos".into(), id.clone()), &record);
    }
    for (i, id) in ratings.iter().enumerate() {
        let record = RecordState::created(
            [
                ("at_ms".into(), Value::Int(BASE_MS + i as i64 * 1000)),
                ("at_offset".into(), Value::Int(60)),
                ("at_zone".into(), text("Europe/Berlin")),
                ("notes".into(), text("a little flatter")),
                ("rating".into(), Value::Int((i % 11) as i64)),
                ("scar_id".into(), text(&scar)),
            ],
            &stamp,
        );
        let _ = codec::write_record(&mut out, &("scar_ratings".into(), id.clone()), &record);
    }
    let record = RecordState::created(
        [
            ("area".into(), text("chin")),
            ("baseline".into(), Value::Int(6)),
            ("created_ms".into(), Value::Int(BASE_MS)),
            ("created_offset".into(), Value::Int(60)),
            ("created_zone".into(), text("Europe/Berlin")),
            ("kind".into(), text("rolling")),
            ("notes".into(), text("")),
        ],
        &stamp,
    );
    let _ = codec::write_record(&mut out, &("scars".into(), scar), &record);
    out
}

fn journal_from(path: &Path, plain: &[u8]) -> Journal {
    fresh(path);
    let j = Journal::open(path, "test-device").unwrap_or_else(|e| panic!("{e}"));
    j.import_sync_plaintext(plain, &now())
        .unwrap_or_else(|e| panic!("{e}"));
    j
}

struct Files {
    base: PathBuf,
    sync_file: PathBuf,
    plain_file: PathBuf,
}

fn prepare() -> Files {
    let d = dir();
    let base = d.join("base.sqlite3");
    drop(journal_from(&base, &plaintext("device-a")));
    let other = journal_from(&d.join("other.sqlite3"), &plaintext("device-b"));
    let sync_file = d.join("other.dermaroll-sync");
    let file = std::fs::File::create(&sync_file).unwrap_or_else(|e| panic!("{e}"));
    other
        .export_sync(BufWriter::new(file), PASSPHRASE, age::WRITE_LOG_N, None)
        .unwrap_or_else(|e| panic!("{e}"));
    let plain_file = d.join("other.plain");
    let file = std::fs::File::create(&plain_file).unwrap_or_else(|e| panic!("{e}"));
    other
        .export_sync_plaintext(BufWriter::new(file))
        .unwrap_or_else(|e| panic!("{e}"));
    Files {
        base,
        sync_file,
        plain_file,
    }
}

/// Flushes files to the disk (their data and metadata).
fn settle(paths: &[&Path]) {
    for path in paths {
        if let Ok(file) = std::fs::File::open(path) {
            file.sync_all().unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn bare_bulk_insert(path: &Path, plain: &[u8]) -> f64 {
    fresh(path);
    let mut conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.pragma_update(None, "journal_mode", "WAL").ok();
    conn.pragma_update(None, "synchronous", "FULL").ok();
    conn.execute_batch(
        "CREATE TABLE photos (id TEXT PRIMARY KEY NOT NULL, file_name TEXT NOT NULL, taken_ms INTEGER NOT NULL,
           taken_offset INTEGER NOT NULL, taken_zone TEXT NOT NULL, area TEXT NOT NULL, content_hash TEXT NOT NULL) STRICT;
         CREATE TABLE scar_ratings (id TEXT PRIMARY KEY NOT NULL, scar_id TEXT NOT NULL, at_ms INTEGER NOT NULL,
           at_offset INTEGER NOT NULL, at_zone TEXT NOT NULL, rating INTEGER NOT NULL, notes TEXT NOT NULL) STRICT;",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let state = codec::decode(plain).unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<(String, String, Vec<Value>)> = state
        .records
        .into_iter()
        .map(|((t, id), r)| (t, id, r.fields.into_values().map(|f| f.value).collect()))
        .collect();
    let sql = |v: &Value| match v {
        Value::Int(n) => rusqlite::types::Value::Integer(*n),
        Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
        Value::Null => rusqlite::types::Value::Null,
    };
    let started = Instant::now();
    let tx = conn.transaction().unwrap_or_else(|e| panic!("{e}"));
    for (table, id, v) in &rows {
        match table.as_str() {
            // Fields arrive sorted by name; bind them to the named columns.
            "photos" => tx
                .prepare_cached("INSERT INTO photos (id, area, content_hash, file_name, taken_ms, taken_offset, taken_zone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .and_then(|mut s| s.execute(rusqlite::params_from_iter(std::iter::once(rusqlite::types::Value::Text(id.clone())).chain(v.iter().map(sql))))),
            "scar_ratings" => tx
                .prepare_cached("INSERT INTO scar_ratings (id, at_ms, at_offset, at_zone, notes, rating, scar_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .and_then(|mut s| s.execute(rusqlite::params_from_iter(std::iter::once(rusqlite::types::Value::Text(id.clone())).chain(v.iter().map(sql))))),
            _ => Ok(0),
        }
        .unwrap_or_else(|e| panic!("{e}"));
    }
    tx.commit().unwrap_or_else(|e| panic!("{e}"));
    started.elapsed().as_secs_f64()
}

/// The child: one run of every measurement, printed as SUMMARY lines.
fn child(files: &Files) {
    let d = dir();
    let work = d.join("work.sqlite3");
    fresh(&work);
    std::fs::copy(&files.base, &work).unwrap_or_else(|e| panic!("{e}"));
    // The copy and the prepared files reach the disk before anything is
    // timed, so no import pays for their writeback in its own fsync.
    settle(&[&work, &files.base, &files.sync_file, &files.plain_file]);
    let journal = Journal::open(&work, "test-device").unwrap_or_else(|e| panic!("{e}"));
    let after_open = vm_hwm_kb();

    let started = Instant::now();
    // The header and the payload nonce are all the key derivation reads.
    let mut bytes = vec![0u8; 4096];
    let mut head = std::fs::File::open(&files.sync_file).unwrap_or_else(|e| panic!("{e}"));
    std::io::Read::read_exact(&mut head, &mut bytes).unwrap_or_else(|e| panic!("{e}"));
    let _ = age::Reader::new(&bytes[..], PASSPHRASE, age::MAX_READ_LOG_N)
        .unwrap_or_else(|e| panic!("{e}"));
    let kdf = started.elapsed().as_secs_f64();
    drop(bytes);

    let import = || {
        let file = std::fs::File::open(&files.sync_file).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let report = journal
            .import_sync(
                std::io::BufReader::new(file),
                PASSPHRASE,
                age::MAX_READ_LOG_N,
                &now(),
                None,
            )
            .unwrap_or_else(|e| panic!("{e}"));
        (started.elapsed().as_secs_f64(), report)
    };
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let (merge, first) = import();
    let (again, second) = import();
    let heap_peak = PEAK.load(Ordering::Relaxed);
    let hwm = vm_hwm_kb();
    let plain = std::fs::read(&files.plain_file).unwrap_or_else(|e| panic!("{e}"));
    let bare = bare_bulk_insert(&d.join("bare.sqlite3"), &plain);
    println!(
        "SUMMARY sync key derivation alone (scrypt 2^{}): {:.0} ms",
        age::WRITE_LOG_N,
        kdf * 1e3
    );
    println!(
        "SUMMARY sync merge 100k-record file into 100k journal: {:.0} ms including key derivation, {:.0} ms without (added {}, updated {}, unchanged {})",
        merge * 1e3, (merge - kdf) * 1e3, first.added, first.updated, first.unchanged
    );
    println!(
        "SUMMARY sync re-import of the identical file: {:.0} ms including key derivation, {:.0} ms without (unchanged {})",
        again * 1e3, (again - kdf) * 1e3, second.unchanged
    );
    println!(
        "SUMMARY bare rusqlite bulk insert of the same 100k rows (one transaction): {:.0} ms",
        bare * 1e3
    );
    println!(
        "SUMMARY sync peak memory: VmHWM {:.1} MB for the whole process ({:.1} MB after opening), Rust heap peak during the imports {:.1} MB",
        hwm as f64 / 1024.0, after_open as f64 / 1024.0, heap_peak as f64 / 1_048_576.0
    );
}

fn sync(c: &mut Criterion) {
    let files = prepare();
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let out = std::process::Command::new(exe)
        .env(CHILD_ENV, "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    std::io::stdout().write_all(&out.stdout).ok();
    std::io::stderr().write_all(&out.stderr).ok();

    let journal =
        Journal::open(dir().join("work.sqlite3"), "test-device").unwrap_or_else(|e| panic!("{e}"));
    let plain = std::fs::read(&files.plain_file).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("sync");
    group.sample_size(10);
    group.bench_function("re-import identical 100k plaintext", |b| {
        b.iter(|| {
            journal
                .import_sync_plaintext(&plain[..], &now())
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.finish();
}

criterion_group!(benches, sync);

fn main() {
    if std::env::var_os(CHILD_ENV).is_some() {
        let d = dir();
        let files = Files {
            base: d.join("base.sqlite3"),
            sync_file: d.join("other.dermaroll-sync"),
            plain_file: d.join("other.plain"),
        };
        child(&files);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
