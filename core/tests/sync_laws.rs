//! The merge is a join on canonical bytes: commutative, associative,
//! idempotent; it keeps everything of both sides; deletes stick; an edit made
//! after importing a file beats that file's value whatever the clock skew.
//! States come from random histories on three simulated devices.

mod sync_support;

use dermaroll_core::sync::codec::{decode, encode};
use dermaroll_core::sync::{SyncState, Value};
use proptest::prelude::*;
use sync_support::{import, keeps_everything, op, Op, World};

fn three_states(ops: &[Op]) -> (SyncState, SyncState, SyncState) {
    let mut world = World::new(3);
    for op in ops {
        world.apply(op);
    }
    let s = |i: usize| world.devices[i].state.clone();
    (s(0), s(1), s(2))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merge_is_a_join_on_canonical_bytes(ops in prop::collection::vec(op(3), 0..60)) {
        let (a, b, c) = three_states(&ops);
        prop_assert_eq!(encode(&a.merge(&b)), encode(&b.merge(&a)));
        prop_assert_eq!(encode(&a.merge(&b.merge(&c))), encode(&a.merge(&b).merge(&c)));
        prop_assert_eq!(encode(&a.merge(&a)), encode(&a));
        // The canonical bytes decode to the same state.
        let merged = a.merge(&b).merge(&c);
        prop_assert_eq!(decode(&encode(&merged)).unwrap(), merged);
    }

    #[test]
    fn nothing_of_either_side_is_lost_and_deletes_stick(ops in prop::collection::vec(op(3), 0..60)) {
        let (a, b, _) = three_states(&ops);
        let merged = a.merge(&b);
        for (key, record) in a.records.iter().chain(b.records.iter()) {
            let kept = merged.records.get(key);
            prop_assert!(kept.is_some_and(|m| keeps_everything(record, m)), "{key:?}");
            if record.deleted.is_some() {
                prop_assert!(kept.is_some_and(|m| m.deleted.is_some()));
            }
        }
    }

    #[test]
    fn an_edit_after_an_import_beats_the_imported_value(
        ops in prop::collection::vec(op(3), 0..60),
        skew in -10_000_000_000i64..10_000_000_000,
        value in 0..1000i64,
    ) {
        let mut world = World::new(3);
        for op in &ops {
            world.apply(op);
        }
        let file = world.devices[1].state.clone();
        // Device 0 imports the file, its clock skewed arbitrarily, then edits
        // every live record's baseline.
        world.devices[0].skew_ms += skew;
        import(&mut world.devices[0], &file);
        let keys: Vec<_> = world.devices[0].state.records.keys().cloned().collect();
        for record in 0..keys.len() {
            world.apply(&Op::Edit { device: 0, record, field: 1, value });
        }
        let merged = world.devices[0].state.merge(&file);
        for key in keys {
            let r = &merged.records[&key];
            if r.deleted.is_none() {
                prop_assert_eq!(&r.fields["baseline"].value, &Value::Int(value));
            }
        }
    }
}
