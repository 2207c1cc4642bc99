//! Model-based sync test: two to four simulated devices, each a real
//! journal, make random scars, ratings, photos, note edits and deletes with
//! skewed and backward-jumping clocks, reinstall (a new empty journal and a
//! new device id) and exchange sync files at random. After a full exchange
//! every device's export is byte-identical and its records equal a simple
//! reference model: a set of writes with (clock, device) stamps, where a
//! record exists unless a delete of it is known and each notes field holds
//! the value of its greatest-stamped write. The model keeps its own clock
//! per device by the rules in the issue (tick = max(last + 1, now); an
//! import advances past every stamp the file holds).

mod journal_support;

use std::collections::{BTreeMap, BTreeSet};

use chrono::DateTime;
use dermaroll_core::journal::*;
use dermaroll_core::protocol::FacialArea;
use proptest::prelude::*;

type Stamp = (u64, String);

#[derive(Debug, Clone)]
enum Op {
    AddScar(usize),
    Rate(usize, usize),
    AddPhoto(usize),
    EditNotes(usize, usize, u8),
    Delete(usize, usize),
    Exchange(usize, usize),
    Skew(usize, i64),
    Reinstall(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let d = 0..4usize;
    prop_oneof![
        2 => d.clone().prop_map(Op::AddScar),
        2 => (d.clone(), 0..6usize).prop_map(|(a, b)| Op::Rate(a, b)),
        1 => d.clone().prop_map(Op::AddPhoto),
        4 => (d.clone(), 0..6usize, any::<u8>()).prop_map(|(a, b, c)| Op::EditNotes(a, b, c)),
        2 => (d.clone(), 0..6usize).prop_map(|(a, b)| Op::Delete(a, b)),
        4 => (d.clone(), d.clone()).prop_map(|(a, b)| Op::Exchange(a, b)),
        1 => (d.clone(), -864_000_000i64..864_000_000).prop_map(|(a, b)| Op::Skew(a, b)),
        1 => d.prop_map(Op::Reinstall),
    ]
}

/// Kind of a record in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Scar,
    Rating,
    Photo,
}

#[derive(Debug, Clone)]
enum What {
    Create { kind: Kind, notes: String },
    Notes(String),
    Delete,
}

#[derive(Debug, Clone)]
struct Write {
    record: String,
    what: What,
    stamp: Stamp,
}

struct Device {
    _dir: tempfile::TempDir,
    journal: Journal,
    id: String,
    last: u64,
    skew_ms: i64,
    known: BTreeSet<usize>,
}

struct Sim {
    devices: Vec<Device>,
    writes: Vec<Write>,
    step: i64,
    installs: usize,
}

fn fresh(installs: &mut usize) -> Device {
    *installs += 1;
    let id = format!("install-{installs}");
    let (dir, journal) = journal_support::journal_as(&id);
    Device {
        _dir: dir,
        journal,
        id,
        last: 0,
        skew_ms: 0,
        known: BTreeSet::new(),
    }
}

fn moment(ms: i64) -> Moment {
    Moment {
        at: DateTime::from_timestamp_millis(ms).unwrap(),
        utc_offset_minutes: 60,
        zone: "Europe/Berlin".into(),
    }
}

impl Sim {
    fn new(n: usize) -> Self {
        let mut installs = 0;
        let devices = (0..n).map(|_| fresh(&mut installs)).collect();
        Self {
            devices,
            writes: Vec::new(),
            step: 0,
            installs,
        }
    }

    /// The model's view of what device `d` knows: live records by kind.
    fn live(&self, d: usize, kind: Kind) -> Vec<String> {
        let state = model(&self.writes, &self.devices[d].known);
        state
            .into_iter()
            .filter(|(_, r)| r.kind == kind && !r.deleted)
            .map(|(id, _)| id)
            .collect()
    }

    /// A local write on device `d`: the model's clock ticks like the device's.
    fn tick(&mut self, d: usize) -> (Moment, Stamp) {
        self.step += 1;
        let dev = &mut self.devices[d];
        let now_ms = 1_790_000_000_000 + self.step * 1000 + dev.skew_ms;
        dev.last = (dev.last + 1).max((now_ms as u64) << 16);
        (moment(now_ms), (dev.last, dev.id.clone()))
    }

    fn record(&mut self, d: usize, record: String, what: What, stamp: Stamp) {
        self.writes.push(Write {
            record,
            what,
            stamp,
        });
        let index = self.writes.len() - 1;
        self.devices[d].known.insert(index);
    }

    fn apply(&mut self, op: &Op) {
        let n = self.devices.len();
        match *op {
            Op::AddScar(d) => {
                let d = d % n;
                let (now, stamp) = self.tick(d);
                let notes = format!("scar by {}", stamp.1);
                let input = ScarInput {
                    name: String::new(),
                    area: FacialArea::Chin,
                    kind: ScarKind::Rolling,
                    baseline: 5,
                    notes: notes.clone(),
                };
                let scar = self.devices[d].journal.add_scar(&input, &now).unwrap();
                let what = What::Create {
                    kind: Kind::Scar,
                    notes,
                };
                self.record(d, scar.id, what, stamp);
            }
            Op::Rate(d, s) => {
                let d = d % n;
                let scars = self.live(d, Kind::Scar);
                if scars.is_empty() {
                    return;
                }
                let scar = scars[s % scars.len()].clone();
                let (now, stamp) = self.tick(d);
                let notes = format!("rating by {}", stamp.1);
                let rating = self.devices[d]
                    .journal
                    .rate_scar(&scar, 4, &now, &notes, &now)
                    .unwrap();
                let what = What::Create {
                    kind: Kind::Rating,
                    notes,
                };
                self.record(d, rating.id, what, stamp);
            }
            Op::AddPhoto(d) => {
                let d = d % n;
                let (now, stamp) = self.tick(d);
                let input = PhotoInput {
                    file_name: "p.jpg".into(),
                    taken: now.clone(),
                    area: FacialArea::Chin,
                    content_hash: "cd".repeat(32),
                    session_id: None,
                };
                let photo = self.devices[d].journal.add_photo(&input, &now).unwrap();
                let what = What::Create {
                    kind: Kind::Photo,
                    notes: String::new(),
                };
                self.record(d, photo.id, what, stamp);
            }
            Op::EditNotes(d, r, text) => {
                let d = d % n;
                let mut targets: Vec<(NotesOf, String)> = Vec::new();
                targets.extend(
                    self.live(d, Kind::Scar)
                        .into_iter()
                        .map(|id| (NotesOf::Scar, id)),
                );
                targets.extend(
                    self.live(d, Kind::Rating)
                        .into_iter()
                        .map(|id| (NotesOf::ScarRating, id)),
                );
                if targets.is_empty() {
                    return;
                }
                let (kind, id) = targets[r % targets.len()].clone();
                let (now, stamp) = self.tick(d);
                let notes = format!("{text} by {}", stamp.1);
                self.devices[d]
                    .journal
                    .edit_notes(kind, &id, &notes, &now)
                    .unwrap();
                self.record(d, id, What::Notes(notes), stamp);
            }
            Op::Delete(d, r) => {
                let d = d % n;
                let mut targets: Vec<(EntryKind, String)> = Vec::new();
                targets.extend(
                    self.live(d, Kind::Rating)
                        .into_iter()
                        .map(|id| (EntryKind::ScarRating, id)),
                );
                targets.extend(
                    self.live(d, Kind::Photo)
                        .into_iter()
                        .map(|id| (EntryKind::Photo, id)),
                );
                if targets.is_empty() {
                    return;
                }
                let (kind, id) = targets[r % targets.len()].clone();
                let (now, stamp) = self.tick(d);
                self.devices[d]
                    .journal
                    .delete_entry(kind, &id, &now)
                    .unwrap();
                self.record(d, id, What::Delete, stamp);
            }
            Op::Exchange(from, to) => {
                let (from, to) = (from % n, to % n);
                if from != to {
                    self.exchange(from, to);
                }
            }
            Op::Skew(d, by) => self.devices[d % n].skew_ms += by,
            Op::Reinstall(d) => {
                let d = d % n;
                self.devices[d] = fresh(&mut self.installs);
            }
        }
    }

    fn exchange(&mut self, from: usize, to: usize) {
        let mut file = Vec::new();
        self.devices[from]
            .journal
            .export_sync_plaintext(&mut file)
            .unwrap();
        self.step += 1;
        let now = moment(1_790_000_000_000 + self.step * 1000 + self.devices[to].skew_ms);
        self.devices[to]
            .journal
            .import_sync_plaintext(&file[..], &now)
            .unwrap();
        // The model: `to` learns everything `from` knows and its clock
        // advances past the greatest stamp the file holds.
        let sent = self.devices[from].known.clone();
        let greatest = file_max(&self.writes, &sent);
        let dev = &mut self.devices[to];
        dev.known.extend(sent);
        dev.last = dev.last.max(greatest);
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ModelRecord {
    kind: Kind,
    deleted: bool,
    notes: String,
}

/// The reference model: what a set of known writes means.
fn model(writes: &[Write], known: &BTreeSet<usize>) -> BTreeMap<String, ModelRecord> {
    let mut out: BTreeMap<String, (ModelRecord, Stamp)> = BTreeMap::new();
    for w in known.iter().map(|&i| &writes[i]) {
        if let What::Create { kind, notes } = &w.what {
            let record = ModelRecord {
                kind: *kind,
                deleted: false,
                notes: notes.clone(),
            };
            out.insert(w.record.clone(), (record, w.stamp.clone()));
        }
    }
    for w in known.iter().map(|&i| &writes[i]) {
        let Some((record, notes_stamp)) = out.get_mut(&w.record) else {
            continue;
        };
        match &w.what {
            What::Notes(text) if w.stamp > *notes_stamp => {
                record.notes = text.clone();
                *notes_stamp = w.stamp.clone();
            }
            What::Delete => record.deleted = true,
            _ => {}
        }
    }
    out.into_iter().map(|(id, (r, _))| (id, r)).collect()
}

/// The greatest stamp a device's file holds: every write of a live record,
/// only the deletes of a deleted one.
fn file_max(writes: &[Write], known: &BTreeSet<usize>) -> u64 {
    let state = model(writes, known);
    known
        .iter()
        .map(|&i| &writes[i])
        .filter(|w| match state.get(&w.record) {
            Some(r) if r.deleted => matches!(w.what, What::Delete),
            Some(_) => true,
            None => false,
        })
        .map(|w| w.stamp.0)
        .max()
        .unwrap_or(0)
}

fn journal_view(j: &Journal) -> BTreeMap<String, ModelRecord> {
    let mut out = BTreeMap::new();
    for scar in j.scars().unwrap() {
        for rating in j.scar_series(&scar.id).unwrap().ratings {
            let record = ModelRecord {
                kind: Kind::Rating,
                deleted: false,
                notes: rating.notes,
            };
            out.insert(rating.id, record);
        }
        let record = ModelRecord {
            kind: Kind::Scar,
            deleted: false,
            notes: scar.input.notes,
        };
        out.insert(scar.id, record);
    }
    for photo in j.photos().unwrap() {
        let record = ModelRecord {
            kind: Kind::Photo,
            deleted: false,
            notes: String::new(),
        };
        out.insert(photo.id, record);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn devices_converge_to_the_reference_model(
        devices in 2..=4usize,
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let mut sim = Sim::new(devices);
        for op in &ops {
            sim.apply(op);
        }
        // A full exchange: everyone's file reaches everyone, twice round.
        for _ in 0..2 {
            for from in 0..devices {
                for to in 0..devices {
                    if from != to {
                        sim.exchange(from, to);
                    }
                }
            }
        }
        let mut exports = Vec::new();
        for dev in &sim.devices {
            let mut out = Vec::new();
            dev.journal.export_sync_plaintext(&mut out).unwrap();
            exports.push(out);
        }
        for other in &exports[1..] {
            prop_assert!(other == &exports[0], "exports differ");
        }
        let all: BTreeSet<usize> = sim.devices.iter().flat_map(|d| d.known.iter().copied()).collect();
        let expected: BTreeMap<String, ModelRecord> = model(&sim.writes, &all)
            .into_iter()
            .filter(|(_, r)| !r.deleted)
            .collect();
        for dev in &sim.devices {
            prop_assert_eq!(&journal_view(&dev.journal), &expected);
        }
    }
}
