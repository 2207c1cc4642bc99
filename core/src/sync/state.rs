//! The sync state: records keyed by (table, id), each a set of fields that
//! are last-writer-wins registers stamped with (clock, device), a sticky
//! tombstone, and, for free text, the concurrently lost versions.
//!
//! [`merge_record`] is a join: commutative, associative and idempotent
//! (`core/tests/sync_laws.rs` checks this on canonical bytes). Per field the
//! greatest stamp wins (ties, which a correct device never makes, fall to the
//! greater value so the result stays deterministic). A tombstone absorbs
//! everything. For a free-text field every version either side knows that is
//! not the winner and was not dismissed (overwritten by a local edit that saw
//! it, or dismissed by the person) is kept in `lost`, so nothing typed is lost.

use std::collections::{BTreeMap, BTreeSet};

use super::hlc::Stamp;

/// A field's value: SQLite's integer, text or null. Encoded as JSON null,
/// an integer or a string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// No value (an optional field left empty).
    Null,
    /// An integer (numbers, flags, milliseconds).
    Int(i64),
    /// Text.
    Text(String),
}

/// A stamped value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Field {
    /// Who wrote it, when.
    pub stamp: Stamp,
    /// What was written.
    pub value: Value,
}

/// A record's key: its table and its random id.
pub type RecordKey = (String, String);

/// One record's sync state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordState {
    /// Each field's winning value with its stamp (empty once deleted).
    pub fields: BTreeMap<String, Field>,
    /// The tombstone: once set, the record stays deleted.
    pub deleted: Option<Stamp>,
    /// Free-text versions that lost to a concurrent edit, by (field, stamp).
    pub lost: BTreeMap<(String, Stamp), String>,
    /// Free-text versions that were seen and overwritten, or dismissed.
    pub dismissed: BTreeSet<(String, Stamp)>,
}

/// Whether a field is free text whose concurrent versions are all kept.
pub fn is_free_text(field: &str) -> bool {
    field == "notes"
}

impl RecordState {
    /// A live record written at once by one stamp.
    pub fn created(fields: impl IntoIterator<Item = (String, Value)>, stamp: &Stamp) -> Self {
        Self {
            fields: fields
                .into_iter()
                .map(|(name, value)| {
                    let field = Field {
                        stamp: stamp.clone(),
                        value,
                    };
                    (name, field)
                })
                .collect(),
            ..Self::default()
        }
    }

    /// A local edit of one field: the new value wins over everything this
    /// device has seen, and the free-text version it overwrote is dismissed
    /// (the person saw it). `stamp` must come from this device's clock tick.
    pub fn edit(&mut self, name: &str, value: Value, stamp: Stamp) {
        if self.deleted.is_some() {
            return;
        }
        let new = Field { stamp, value };
        if let Some(old) = self.fields.insert(name.to_string(), new) {
            if is_free_text(name) {
                self.dismissed.insert((name.to_string(), old.stamp));
            }
        }
    }

    /// Dismisses a lost free-text version (the person has dealt with it).
    pub fn dismiss(&mut self, name: &str, stamp: &Stamp) {
        let key = (name.to_string(), stamp.clone());
        self.lost.remove(&key);
        self.dismissed.insert(key);
    }

    /// Deletes the record for good at `stamp`.
    pub fn delete(&mut self, stamp: Stamp) {
        let deleted = match self.deleted.take() {
            Some(old) => old.max(stamp),
            None => stamp,
        };
        *self = Self {
            deleted: Some(deleted),
            ..Self::default()
        };
    }

    /// Every stamp in this record (for advancing a clock past them).
    pub fn stamps(&self) -> impl Iterator<Item = &Stamp> {
        self.fields
            .values()
            .map(|f| &f.stamp)
            .chain(self.deleted.iter())
            .chain(self.lost.keys().map(|(_, s)| s))
            .chain(self.dismissed.iter().map(|(_, s)| s))
    }
}

/// Adds a lost version (a stamp names one text; should two ever differ, the
/// greater is kept, so the merge stays deterministic).
fn keep_lost(lost: &mut BTreeMap<(String, Stamp), String>, key: (String, Stamp), text: &str) {
    match lost.get_mut(&key) {
        Some(kept) if kept.as_str() >= text => {}
        Some(kept) => *kept = text.to_string(),
        None => {
            lost.insert(key, text.to_string());
        }
    }
}

/// The join of two states of one record.
pub fn merge_record(a: &RecordState, b: &RecordState) -> RecordState {
    let deleted = match (&a.deleted, &b.deleted) {
        (Some(x), Some(y)) => Some(x.max(y).clone()),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    };
    if deleted.is_some() {
        return RecordState {
            deleted,
            ..RecordState::default()
        };
    }
    let dismissed: BTreeSet<(String, Stamp)> = a.dismissed.union(&b.dismissed).cloned().collect();
    let mut lost = a.lost.clone();
    for (key, text) in &b.lost {
        keep_lost(&mut lost, key.clone(), text);
    }
    let mut fields = a.fields.clone();
    for (name, theirs) in &b.fields {
        match fields.get_mut(name) {
            None => {
                fields.insert(name.clone(), theirs.clone());
            }
            Some(ours) => {
                if ours == theirs {
                    continue;
                }
                let (winner, loser) = if *theirs > *ours {
                    (theirs.clone(), ours.clone())
                } else {
                    (ours.clone(), theirs.clone())
                };
                if is_free_text(name) {
                    if let Value::Text(text) = &loser.value {
                        keep_lost(&mut lost, (name.clone(), loser.stamp), text);
                    }
                }
                *ours = winner;
            }
        }
    }
    lost.retain(|key, _| {
        !dismissed.contains(key) && fields.get(&key.0).is_none_or(|w| w.stamp != key.1)
    });
    RecordState {
        fields,
        deleted: None,
        lost,
        dismissed,
    }
}

/// A record as the join keeps it: `merge_record(r, r)`, without copying
/// when nothing changes (no lost versions to sift: the common case).
pub fn normalize(record: RecordState) -> RecordState {
    if record.lost.is_empty() {
        record
    } else {
        merge_record(&record, &record)
    }
}

/// The whole sync state of a journal, in canonical order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    /// Every record, sorted by (table, id).
    pub records: BTreeMap<RecordKey, RecordState>,
}

impl SyncState {
    /// The join of two states.
    pub fn merge(&self, other: &SyncState) -> SyncState {
        let mut records = self.records.clone();
        for (key, theirs) in &other.records {
            let merged = match records.get(key) {
                Some(ours) => merge_record(ours, theirs),
                None => theirs.clone(),
            };
            records.insert(key.clone(), merged);
        }
        SyncState { records }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(hlc: u64, device: &str) -> Stamp {
        Stamp(hlc, device.into())
    }

    fn note(text: &str, stamp: Stamp) -> RecordState {
        RecordState::created([("notes".to_string(), Value::Text(text.into()))], &stamp)
    }

    #[test]
    fn the_greatest_stamp_wins_and_the_concurrent_text_is_kept() {
        let base = note("first", s(1, "a"));
        let mut on_a = base.clone();
        on_a.edit("notes", Value::Text("from a".into()), s(5, "a"));
        let mut on_b = base.clone();
        on_b.edit("notes", Value::Text("from b".into()), s(7, "b"));
        let merged = merge_record(&on_a, &on_b);
        assert_eq!(merged.fields["notes"].value, Value::Text("from b".into()));
        assert_eq!(
            merged.lost.values().collect::<Vec<_>>(),
            vec![&"from a".to_string()]
        );
        assert_eq!(merged, merge_record(&on_b, &on_a));
        // The overwritten base text is not a conflict: both edits saw it.
        assert!(!merged.lost.values().any(|t| t == "first"));
    }

    #[test]
    fn a_sequential_edit_leaves_no_conflict() {
        let base = note("first", s(1, "a"));
        let mut later = base.clone();
        later.edit("notes", Value::Text("second".into()), s(3, "b"));
        let merged = merge_record(&base, &later);
        assert!(merged.lost.is_empty());
        assert_eq!(merged.fields["notes"].value, Value::Text("second".into()));
    }

    #[test]
    fn normalizing_is_merging_with_itself() {
        let mut on_a = note("first", s(1, "a"));
        on_a.edit("notes", Value::Text("from a".into()), s(5, "a"));
        let mut on_b = note("first", s(1, "a"));
        on_b.edit("notes", Value::Text("from b".into()), s(7, "b"));
        let mut gone = note("x", s(1, "a"));
        gone.delete(s(2, "b"));
        let mut with_lost = merge_record(&on_a, &on_b);
        // A lost version that is also dismissed is sifted out.
        with_lost.dismissed.insert(("notes".into(), s(5, "a")));
        for record in [on_a, gone, with_lost] {
            assert_eq!(normalize(record.clone()), merge_record(&record, &record));
        }
    }

    #[test]
    fn a_tombstone_sticks() {
        let live = note("x", s(9, "a"));
        let mut gone = note("x", s(1, "a"));
        gone.delete(s(2, "b"));
        let merged = merge_record(&live, &gone);
        assert_eq!(merged.deleted, Some(s(2, "b")));
        assert!(merged.fields.is_empty());
    }
}
