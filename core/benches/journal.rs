//! Journal benchmarks (run with `scripts/bench`, never in the timed tests):
//!
//! 1. Recording one guided-session event (a durable commit: WAL,
//!    `synchronous = FULL`) against a bare rusqlite single-row insert commit
//!    with the same settings, side by side. Target: at most 1.25×.
//! 2. Exporting a 100,000-record journal as JSON: time, and peak memory
//!    measured in a fresh child process (VmHWM from /proc/self/status, plus
//!    the Rust heap peak from a counting allocator). Targets: < 1 s, < 50 MB.
#![allow(clippy::disallowed_methods)] // a benchmark reads the clock by definition

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::DateTime;
use criterion::{criterion_group, Criterion};
use dermaroll_core::journal::{Journal, Moment};

/// Counts live heap bytes and their peak (Rust allocations only; SQLite
/// allocates through libc, which the VmHWM figure covers).
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

const CHILD_ENV: &str = "DERMAROLL_BENCH_EXPORT_CHILD";
const RECORDS: usize = 100_000;
const BASE: i64 = 1_767_225_600;

fn moment(secs: i64) -> Moment {
    Moment {
        at: DateTime::from_timestamp(BASE + secs, 0).unwrap_or_default(),
        utc_offset_minutes: 60,
        zone: "Europe/Berlin".into(),
    }
}

fn bench_dir() -> PathBuf {
    // DERMAROLL_BENCH_DIR puts the files elsewhere (e.g. a RAM disk, to see
    // the CPU part of a commit without the disk).
    let dir = std::env::var_os("DERMAROLL_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")))
        .join("journal-bench");
    std::fs::create_dir_all(&dir).unwrap_or_default();
    dir
}

fn fresh(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The bare baseline: the same row shape as a session event, one INSERT per
/// IMMEDIATE transaction, WAL + synchronous FULL + foreign keys, like the journal.
fn bare_connection(path: &Path) -> rusqlite::Connection {
    fresh(path);
    let conn = rusqlite::Connection::open(path).unwrap_or_else(|e| panic!("{e}"));
    conn.pragma_update(None, "journal_mode", "WAL").ok();
    conn.pragma_update(None, "synchronous", "FULL").ok();
    conn.pragma_update(None, "foreign_keys", true).ok();
    conn.execute_batch(
        "CREATE TABLE events (id TEXT PRIMARY KEY NOT NULL, session_id TEXT NOT NULL, seq INTEGER NOT NULL,
           at_ms INTEGER NOT NULL, at_offset INTEGER NOT NULL, at_zone TEXT NOT NULL, event_json TEXT NOT NULL) STRICT",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    conn
}

fn bare_commit(conn: &mut rusqlite::Connection, n: u64) {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap_or_else(|e| panic!("{e}"));
    tx.prepare_cached("INSERT INTO events VALUES (?1, ?2, ?3, ?4, 60, 'Europe/Berlin', ?5)")
        .and_then(|mut s| {
            s.execute(rusqlite::params![
                format!("{n:032x}"),
                "00000000-0000-4000-8000-000000000001",
                n as i64,
                BASE * 1000 + n as i64,
                r#"{"type":"pass_done","direction":"vertical"}"#
            ])
        })
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().unwrap_or_else(|e| panic!("{e}"));
}

const STATE: &str = r#"{"v":1,"step":"rolling","area":"left_cheek","vertical":3,"horizontal":0}"#;

fn event_commit(journal: &Journal, session_id: &str, n: u64) {
    journal
        .record_session_event(
            session_id,
            r#"{"type":"pass_done","direction":"vertical"}"#,
            &moment((n % 1_000_000) as i64),
            STATE,
        )
        .unwrap_or_else(|e| panic!("{e}"));
}

fn commits(c: &mut Criterion) {
    let dir = bench_dir();
    let bare_path = dir.join("bare.sqlite3");
    let journal_path = dir.join("events.sqlite3");
    let mut bare = bare_connection(&bare_path);
    fresh(&journal_path);
    let journal = Journal::open(&journal_path, "test-device").unwrap_or_else(|e| panic!("{e}"));
    let session = Journal::new_id().unwrap_or_else(|e| panic!("{e}"));

    let mut group = c.benchmark_group("durable commit");
    let mut n = 0u64;
    group.bench_function("bare rusqlite insert", |b| {
        b.iter(|| {
            n += 1;
            bare_commit(&mut bare, n)
        })
    });
    let mut m = 0u64;
    group.bench_function("journal record_session_event", |b| {
        b.iter(|| {
            m += 1;
            event_commit(&journal, &session, m)
        })
    });
    group.finish();

    // Side by side in one run, interleaved so disk and CPU noise hit both.
    let rounds = 400;
    let (mut bare_total, mut event_total) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..rounds {
        n += 1;
        let t = Instant::now();
        bare_commit(&mut bare, n);
        bare_total += t.elapsed();
        m += 1;
        let t = Instant::now();
        event_commit(&journal, &session, m);
        event_total += t.elapsed();
    }
    let bare_us = bare_total.as_secs_f64() * 1e6 / f64::from(rounds);
    let event_us = event_total.as_secs_f64() * 1e6 / f64::from(rounds);
    println!(
        "SUMMARY commit: bare rusqlite insert {bare_us:.1} µs, record_session_event {event_us:.1} µs, ratio {:.2} (target <= 1.25), {rounds} interleaved rounds",
        event_us / bare_us
    );
}

/// A 100,000-record journal, built once through the import path.
fn build_big_journal(path: &Path) {
    fresh(path);
    let journal = Journal::open(path, "test-device").unwrap_or_else(|e| panic!("{e}"));
    let sessions = 20_000usize;
    let check_ins = 40_000usize;
    let ratings = RECORDS - sessions - check_ins - 2; // + 1 roller + 1 scar
    let roller = "00000000-0000-4000-8000-0000000000aa";
    let scar = "00000000-0000-4000-8000-0000000000bb";
    let id = |kind: u32, n: usize| format!("{kind:08x}-0000-4000-8000-{n:012x}");
    let mut text = Vec::with_capacity(64 << 20);
    let m = |secs: i64| serde_json::to_string(&moment(secs)).unwrap_or_default();
    write!(
        text,
        r#"{{"format":"dermaroll-journal","version":1,"profile":null,"in_progress":null,"rollers":[{{"id":"{roller}","needle_mm":0.25,"first_use":{},"uses":{sessions},"retired":null}}],"sessions":["#,
        m(0)
    )
    .unwrap_or_default();
    for s in 0..sessions {
        let start = s as i64 * 3 * 86_400;
        if s > 0 {
            text.push(b',');
        }
        write!(
            text,
            r#"{{"id":"{}","roller_id":"{roller}","started":{},"ended":{},"areas":[{{"area":"left_cheek","vertical_passes":6,"horizontal_passes":6,"endpoint":"passes_completed"}},{{"area":"forehead","vertical_passes":4,"horizontal_passes":4,"endpoint":"dark_pink_red"}}],"discomfort":3,"notes":"a session note of ordinary length, some forty characters"}}"#,
            id(1, s),
            m(start),
            m(start + 1200)
        )
        .unwrap_or_default();
    }
    text.extend_from_slice(br#"],"session_events":[],"check_ins":["#);
    for c in 0..check_ins {
        let s = c / 2;
        let at = s as i64 * 3 * 86_400 + 1200 + if c % 2 == 0 { 1200 } else { 36_000 };
        if c > 0 {
            text.push(b',');
        }
        write!(
            text,
            r#"{{"id":"{}","input":{{"session_id":"{}","at":{},"stinging":{},"redness":true,"dryness":false,"swelling":false,"swelling_spreading":false,"pus":false,"fever":false,"notes":""}},"cleared":null}}"#,
            id(2, c),
            id(1, s),
            m(at),
            c % 2 == 0
        )
        .unwrap_or_default();
    }
    write!(
        text,
        r#"],"scars":[{{"id":"{scar}","input":{{"area":"left_cheek","kind":"rolling","baseline":7,"notes":""}},"created":{}}}],"scar_ratings":["#,
        m(0)
    )
    .unwrap_or_default();
    for r in 0..ratings {
        if r > 0 {
            text.push(b',');
        }
        write!(
            text,
            r#"{{"id":"{}","scar_id":"{scar}","at":{},"rating":{},"notes":""}}"#,
            id(3, r),
            m(r as i64 * 3600),
            r % 11
        )
        .unwrap_or_default();
    }
    text.extend_from_slice(br#"],"photos":[]}"#);
    let now = moment(400 * 365 * 86_400);
    journal
        .import_json(text.as_slice(), &now)
        .unwrap_or_else(|e| panic!("building the 100k journal: {e}"));
    let totals = journal.totals().unwrap_or_else(|e| panic!("{e}"));
    let records =
        totals.rollers + totals.sessions + totals.check_ins + totals.scars + totals.ratings;
    assert_eq!(records, RECORDS as u64);
}

fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The child process: open the big journal, export it once to a sink, report.
fn export_child(path: &str) {
    let journal = Journal::open(path, "test-device").unwrap_or_else(|e| panic!("{e}"));
    let before_kib = vm_hwm_kib();
    let heap_before = LIVE.load(Ordering::Relaxed);
    PEAK.store(heap_before, Ordering::Relaxed);
    let mut out = CountingSink(0);
    let t = Instant::now();
    journal
        .export_json(&mut out)
        .unwrap_or_else(|e| panic!("{e}"));
    let elapsed = t.elapsed();
    let heap_peak = PEAK.load(Ordering::Relaxed) - heap_before;
    println!(
        "CHILD {} {} {} {} {}",
        elapsed.as_micros(),
        vm_hwm_kib(),
        before_kib,
        heap_peak,
        out.0
    );
}

struct CountingSink(u64);
impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn export(c: &mut Criterion) {
    let path = bench_dir().join("big.sqlite3");
    build_big_journal(&path);
    let journal = Journal::open(&path, "test-device").unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("export 100k records");
    group.sample_size(10);
    group.bench_function("json to a sink", |b| {
        b.iter(|| {
            journal
                .export_json(std::io::sink())
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    group.finish();
    drop(journal);

    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let output = std::process::Command::new(exe)
        .env(CHILD_ENV, &path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("CHILD "))
        .unwrap_or_else(|| panic!("child said: {text}"));
    let f: Vec<u64> = line.split(' ').filter_map(|v| v.parse().ok()).collect();
    println!(
        "SUMMARY export: {RECORDS} records, {:.1} MB of JSON in {:.0} ms (fresh process, one run); peak RSS of the whole process {:.1} MB (VmHWM; {:.1} MB after opening, before exporting); Rust heap peak during export {:.2} MB (targets: < 1000 ms, < 50 MB)",
        f[4] as f64 / 1e6,
        f[0] as f64 / 1000.0,
        f[1] as f64 / 1024.0,
        f[2] as f64 / 1024.0,
        f[3] as f64 / 1e6,
    );
}

criterion_group!(benches, commits, export);

fn main() {
    if let Ok(path) = std::env::var(CHILD_ENV) {
        export_child(&path);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
