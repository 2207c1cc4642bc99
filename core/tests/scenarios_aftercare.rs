//! Runs the aftercare scenarios in `tests/scenarios/aftercare/`; the Kotlin
//! binding tests run the same files through the bindings.

#[allow(dead_code)] // not every scenario kind needs every helper
mod common;

use dermaroll_core::protocol::{judge_aftercare, AftercareObservation};
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"))
}

#[test]
fn aftercare_scenarios_hold() {
    let mut cases = 0;
    let mut flags_seen = std::collections::HashSet::new();
    for (file, scenario) in common::scenario_files("aftercare") {
        for case in scenario["cases"].as_array().unwrap_or(&Vec::new()) {
            let name = format!("{file}: {}", case["name"]);
            let input: AftercareObservation = parse(&case["input"]);
            let expect = &case["expect"];
            let judgement = judge_aftercare(&input);
            assert_eq!(judgement.verdict, parse(&expect["verdict"]), "{name}");
            assert_eq!(
                judgement.red_flags,
                parse::<Vec<_>>(&expect["red_flags"]),
                "{name}"
            );
            assert_eq!(judgement.notes, parse::<Vec<_>>(&expect["notes"]), "{name}");
            assert_eq!(
                judgement.hold_next_session,
                parse::<bool>(&expect["hold_next_session"]),
                "{name}"
            );
            assert!(!judgement.advice.is_empty(), "{name}");
            flags_seen.extend(judgement.red_flags);
            cases += 1;
        }
    }
    assert!(cases >= 12, "only {cases} aftercare cases ran");
    assert_eq!(flags_seen.len(), 5, "every red flag needs a scenario");
}
