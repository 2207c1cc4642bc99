//! Simulated devices for the pure sync tests: each keeps a sync state and a
//! hybrid logical clock with its own skew, and applies random operations.

#![allow(dead_code)]

use dermaroll_core::sync::state::merge_record;
use dermaroll_core::sync::{Clock, RecordState, Stamp, SyncState, Value};
use proptest::prelude::*;

/// One operation on one device.
#[derive(Debug, Clone)]
pub enum Op {
    /// Create a record.
    Create { device: usize },
    /// Edit a field of the n-th record this device knows.
    Edit {
        device: usize,
        record: usize,
        field: usize,
        value: i64,
    },
    /// Delete the n-th record this device knows.
    Delete { device: usize, record: usize },
    /// Dismiss the first lost version of the n-th record.
    Dismiss { device: usize, record: usize },
    /// Device `to` imports everything `from` knows.
    Sync { from: usize, to: usize },
    /// Time on this device jumps (backwards or forwards).
    Skew { device: usize, by_ms: i64 },
}

/// The field names a record has; `notes` is free text.
pub const FIELDS: [&str; 3] = ["area", "baseline", "notes"];

/// A device.
#[derive(Debug, Clone)]
pub struct Device {
    pub id: String,
    pub clock: Clock,
    pub skew_ms: i64,
    pub state: SyncState,
}

/// Several devices and a step counter (the "true" time).
#[derive(Debug, Clone)]
pub struct World {
    pub devices: Vec<Device>,
    pub step: i64,
    pub created: usize,
}

pub fn op(devices: usize) -> impl Strategy<Value = Op> {
    let d = 0..devices;
    prop_oneof![
        2 => d.clone().prop_map(|device| Op::Create { device }),
        4 => (d.clone(), 0..8usize, 0..3usize, 0..4i64).prop_map(|(device, record, field, value)| Op::Edit { device, record, field, value }),
        1 => (d.clone(), 0..8usize).prop_map(|(device, record)| Op::Delete { device, record }),
        1 => (d.clone(), 0..8usize).prop_map(|(device, record)| Op::Dismiss { device, record }),
        3 => (d.clone(), d.clone()).prop_map(|(from, to)| Op::Sync { from, to }),
        1 => (d, -5_000_000i64..5_000_000).prop_map(|(device, by_ms)| Op::Skew { device, by_ms }),
    ]
}

/// Merges `from` into `to`, advancing `to`'s clock past every stamp.
pub fn import(to: &mut Device, from: &SyncState) {
    for record in from.records.values() {
        for stamp in record.stamps() {
            to.clock.receive(stamp.hlc());
        }
    }
    to.state = to.state.merge(from);
}

impl World {
    pub fn new(devices: usize) -> Self {
        Self {
            devices: (0..devices)
                .map(|i| Device {
                    id: format!("device-{i}"),
                    clock: Clock::default(),
                    skew_ms: 0,
                    state: SyncState::default(),
                })
                .collect(),
            step: 0,
            created: 0,
        }
    }

    fn tick(&mut self, device: usize) -> Stamp {
        self.step += 1;
        let d = &mut self.devices[device];
        let now = 1_700_000_000_000 + self.step * 1000 + d.skew_ms;
        Stamp(d.clock.tick(now), d.id.as_str().into())
    }

    fn nth_key(&self, device: usize, n: usize) -> Option<(String, String)> {
        let records = &self.devices[device].state.records;
        if records.is_empty() {
            return None;
        }
        records.keys().nth(n % records.len()).cloned()
    }

    pub fn apply(&mut self, op: &Op) {
        match *op {
            Op::Create { device } => {
                let stamp = self.tick(device);
                self.created += 1;
                let key = ("scars".to_string(), format!("r{:04}", self.created));
                let record = RecordState::created(
                    [
                        ("area".to_string(), Value::Text("chin".into())),
                        ("baseline".to_string(), Value::Int(5)),
                        (
                            "notes".to_string(),
                            Value::Text(format!("typed {}", self.created)),
                        ),
                    ],
                    &stamp,
                );
                self.devices[device].state.records.insert(key, record);
            }
            Op::Edit {
                device,
                record,
                field,
                value,
            } => {
                let Some(key) = self.nth_key(device, record) else {
                    return;
                };
                let stamp = self.tick(device);
                let name = FIELDS[field];
                let value = if name == "baseline" {
                    Value::Int(value)
                } else {
                    Value::Text(format!("{name} {value} by {}", stamp.device()))
                };
                if let Some(r) = self.devices[device].state.records.get_mut(&key) {
                    r.edit(name, value, stamp);
                }
            }
            Op::Delete { device, record } => {
                let Some(key) = self.nth_key(device, record) else {
                    return;
                };
                let stamp = self.tick(device);
                if let Some(r) = self.devices[device].state.records.get_mut(&key) {
                    r.delete(stamp);
                }
            }
            Op::Dismiss { device, record } => {
                let Some(key) = self.nth_key(device, record) else {
                    return;
                };
                if let Some(r) = self.devices[device].state.records.get_mut(&key) {
                    if let Some((field, stamp)) = r.lost.keys().next().cloned() {
                        r.dismiss(&field, &stamp);
                    }
                }
            }
            Op::Sync { from, to } => {
                if from != to {
                    let file = self.devices[from].state.clone();
                    import(&mut self.devices[to], &file);
                }
            }
            Op::Skew { device, by_ms } => self.devices[device].skew_ms += by_ms,
        }
    }
}

/// Whether merging `record` into `merged` kept everything of it.
pub fn keeps_everything(record: &RecordState, merged: &RecordState) -> bool {
    if merged.deleted.is_some() {
        return merged.deleted >= record.deleted;
    }
    if record.deleted.is_some() {
        return false;
    }
    record.fields.iter().all(|(name, field)| {
        let Some(now) = merged.fields.get(name) else {
            return false;
        };
        if now.stamp < field.stamp {
            return false;
        }
        if now.stamp == field.stamp || !dermaroll_core::sync::state::is_free_text(name) {
            return true;
        }
        let key = (name.clone(), field.stamp.clone());
        merged.lost.contains_key(&key) || merged.dismissed.contains(&key)
    }) && record
        .lost
        .keys()
        .all(|key| merged.lost.contains_key(key) || merged.dismissed.contains(key))
}

/// `merge_record` re-exported for the tests.
pub fn merge(a: &RecordState, b: &RecordState) -> RecordState {
    merge_record(a, b)
}
