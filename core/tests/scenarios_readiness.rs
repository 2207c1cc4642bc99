//! Runs the readiness scenarios in `tests/scenarios/readiness/`; the Kotlin
//! binding tests run the same files through the bindings.

mod common;

use dermaroll_core::protocol::{
    check_readiness, Contraindication, ContraindicationAnswer, ReadinessFacts, TABLE,
};
use dermaroll_core::time::Moment;
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"))
}

fn names<T: serde::Serialize>(values: impl IntoIterator<Item = T>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| match serde_json::to_value(v) {
            Ok(Value::String(s)) => s,
            other => panic!("not a unit enum: {other:?}"),
        })
        .collect()
}

fn facts(input: &Value) -> ReadinessFacts {
    let yes: Vec<Contraindication> = parse(&input["yes"]);
    let unanswered: Vec<Contraindication> = input.get("unanswered").map(parse).unwrap_or_default();
    ReadinessFacts {
        needle_mm: common::number(&input["needle_mm"]),
        sensitivity: parse(&input["sensitivity"]),
        experience: parse(&input["experience"]),
        last_session_end: parse(&input["last_session_end"]),
        last_session_utc_offset_minutes: parse(&input["last_session_utc_offset_minutes"]),
        roller_uses: parse(&input["roller_uses"]),
        patch_test_done: parse(&input["patch_test_done"]),
        contraindications: TABLE
            .contraindications
            .iter()
            .filter(|rule| !unanswered.contains(&rule.id))
            .map(|rule| ContraindicationAnswer {
                id: rule.id,
                yes: yes.contains(&rule.id),
            })
            .collect(),
        now: Moment {
            at: parse(&input["now"]),
            utc_offset_minutes: parse(&input["utc_offset_minutes"]),
            zone: "Europe/Berlin".into(),
        },
        red_flag_hold: input
            .get("red_flag_hold")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    }
}

#[test]
fn readiness_scenarios_hold() {
    let mut cases = 0;
    for (file, scenario) in common::scenario_files("readiness") {
        for case in scenario["cases"].as_array().into_iter().flatten() {
            let name = format!("{file}: {}", case["name"]);
            let expect = &case["expect"];
            match (
                check_readiness(&facts(&case["facts"])),
                expect.get("error_field"),
            ) {
                (Err(err), Some(field)) => assert_eq!(err.binding_field(), *field, "{name}"),
                (Ok(check), None) => {
                    assert_eq!(
                        names([check.verdict]),
                        vec![parse::<String>(&expect["verdict"])],
                        "{name}"
                    );
                    let earliest = check.earliest.map(|d| Value::from(d.to_string()));
                    assert_eq!(
                        earliest.unwrap_or(Value::Null),
                        expect["earliest"],
                        "{name}: earliest"
                    );
                    let reasons = &check.reasons;
                    assert_eq!(
                        names(reasons.iter().map(|r| r.code)),
                        parse::<Vec<String>>(&expect["reasons"]),
                        "{name}"
                    );
                    assert_eq!(
                        names(reasons.iter().filter_map(|r| r.roller_reason)),
                        parse::<Vec<String>>(&expect["roller_reasons"]),
                        "{name}: roller reasons"
                    );
                    assert_eq!(
                        names(reasons.iter().filter_map(|r| r.contraindication)),
                        parse::<Vec<String>>(&expect["contraindications"]),
                        "{name}: contraindications"
                    );
                    assert!(reasons.iter().all(|r| !r.text.is_empty()), "{name}");
                    if let Some(earliest) = check.earliest {
                        let text = earliest.to_string();
                        assert!(
                            reasons.iter().any(|r| r.text.contains(&text)),
                            "{name}: date in words"
                        );
                    }
                }
                (outcome, _) => panic!("{name}: unexpected {outcome:?}"),
            }
            cases += 1;
        }
    }
    assert!(cases >= 10, "only {cases} readiness cases ran");
}
