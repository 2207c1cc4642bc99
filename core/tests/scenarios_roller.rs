//! Runs the roller safety-gate scenarios in `tests/scenarios/roller/`; the
//! Kotlin binding tests run the same files through the bindings.

mod common;

use dermaroll_core::protocol::{check_roller, RollerInput};
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"))
}

#[test]
fn roller_scenarios_hold() {
    let mut cases = 0;
    for (file, scenario) in common::scenario_files("roller") {
        for case in scenario["cases"].as_array().unwrap_or(&Vec::new()) {
            let name = format!("{file}: {}", case["name"]);
            let input = RollerInput {
                needle_mm: common::number(&case["input"]["needle_mm"]),
                sensitivity: parse(&case["input"]["sensitivity"]),
                experience: parse(&case["input"]["experience"]),
            };
            let expect = &case["expect"];
            match (check_roller(input), expect.get("error_field")) {
                (Err(err), Some(field)) => assert_eq!(err.binding_field(), *field, "{name}"),
                (Ok(check), None) => {
                    assert_eq!(check.verdict, parse(&expect["verdict"]), "{name}");
                    let reasons: Vec<_> = check.reasons.iter().map(|r| r.reason).collect();
                    assert_eq!(reasons, parse::<Vec<_>>(&expect["reasons"]), "{name}");
                    assert!(check.reasons.iter().all(|r| !r.text.is_empty()), "{name}");
                }
                (outcome, _) => panic!("{name}: unexpected {outcome:?}"),
            }
            cases += 1;
        }
    }
    assert!(cases >= 10, "only {cases} roller cases ran");
}
