//! Runs the guided-session scenarios in `tests/scenarios/session/`; the
//! Kotlin binding tests run the same files through the bindings and check the
//! same expectations.
//!
//! Every scenario runs twice: straight through, and saved and restored into a
//! fresh state after every event. Both runs must give identical views and
//! effects, and every refused event must leave the saved state unchanged.

mod common;

use chrono::{DateTime, Duration, Utc};
use dermaroll_core::session::{
    Effect, SessionError, SessionEvent, SessionPlan, SessionState, SessionView,
};
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"))
}

fn name_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        other => panic!("not a unit enum: {other:?}"),
    }
}

/// The scenario name of an error: `invalid_input:<field>`, `not_allowed_now`, `newer_format`.
fn error_name(err: &SessionError) -> String {
    match err {
        SessionError::Input(e) => format!("invalid_input:{}", e.binding_field()),
        SessionError::NotAllowedNow { .. } => "not_allowed_now".to_string(),
        SessionError::NewerFormat { .. } => "newer_format".to_string(),
    }
}

/// Seconds from the base, written as an integer when whole.
fn offset(base: DateTime<Utc>, at: DateTime<Utc>) -> String {
    let ms = (at - base).num_milliseconds();
    if ms % 1000 == 0 {
        format!("+{}", ms / 1000)
    } else {
        format!("+{}.{:03}", ms / 1000, ms % 1000)
    }
}

/// The canonical one-line form of an effect that both runners produce.
fn effect_line(base: DateTime<Utc>, effect: &Effect) -> String {
    match effect {
        Effect::Cue { at, kind, text } => {
            format!("cue {} {}: {text}", offset(base, *at), name_of(kind))
        }
        Effect::StartTimer {
            timer_id,
            fires_at,
            purpose,
        } => format!(
            "timer {timer_id} {} {}",
            offset(base, *fires_at),
            name_of(purpose)
        ),
        Effect::CancelTimer { timer_id } => format!("cancel {timer_id}"),
        Effect::SessionEnded { summary } => format!("ended {}", name_of(&summary.outcome)),
    }
}

fn result_lines(view_results: &[dermaroll_core::session::AreaResult]) -> Vec<String> {
    view_results
        .iter()
        .map(|r| {
            format!(
                "{} {}+{} {}",
                name_of(&r.area),
                r.vertical_done,
                r.horizontal_done,
                name_of(&r.endpoint)
            )
        })
        .collect()
}

/// The event a step asks for; a `timer_fired` without an id fires the pending timer.
fn event_for(step: &Value, view: &SessionView) -> SessionEvent {
    let mut event = step["event"].clone();
    if event["type"] == "timer_fired" && event.get("timer_id").is_none() {
        event["timer_id"] = Value::from(view.pending_timer_id.unwrap_or(0));
    }
    parse(&event)
}

/// The instant of the `index`-th repetition of a step.
fn instant_for(
    step: &Value,
    index: i64,
    base: DateTime<Utc>,
    last: DateTime<Utc>,
    view: &SessionView,
) -> DateTime<Utc> {
    match step.get("at").and_then(Value::as_i64) {
        Some(at) => {
            let every = step.get("every").and_then(Value::as_i64).unwrap_or(0);
            base + Duration::seconds(at + index * every)
        }
        None if step["event"]["type"] == "timer_fired" => {
            view.pending_timer_fires_at.unwrap_or(last)
        }
        None => last,
    }
}

fn check_expect(
    name: &str,
    base: DateTime<Utc>,
    expect: &Value,
    view: &SessionView,
    effects: &[Effect],
) {
    let fields: [(&str, Value); 9] = [
        ("step", Value::from(name_of(&view.step))),
        (
            "area",
            view.area
                .map(|a| Value::from(name_of(&a)))
                .unwrap_or(Value::Null),
        ),
        (
            "direction",
            view.direction
                .map(|d| Value::from(name_of(&d)))
                .unwrap_or(Value::Null),
        ),
        (
            "pass_number",
            view.pass_number.map(Value::from).unwrap_or(Value::Null),
        ),
        (
            "pass_target",
            view.pass_target.map(Value::from).unwrap_or(Value::Null),
        ),
        ("vertical_done", Value::from(view.vertical_done)),
        ("horizontal_done", Value::from(view.horizontal_done)),
        ("paused", Value::from(view.paused)),
        ("area_number", Value::from(view.area_number)),
    ];
    for (field, actual) in fields {
        if let Some(expected) = expect.get(field) {
            assert_eq!(&actual, expected, "{name}: {field}");
        }
    }
    if let Some(expected) = expect.get("allowed") {
        let allowed: Vec<String> = view.allowed.iter().map(name_of).collect();
        assert_eq!(allowed, parse::<Vec<String>>(expected), "{name}: allowed");
    }
    if let Some(expected) = expect.get("results") {
        assert_eq!(
            result_lines(&view.results),
            parse::<Vec<String>>(expected),
            "{name}: results"
        );
    }
    if let Some(expected) = expect.get("effects") {
        let actual: Vec<String> = effects.iter().map(|e| effect_line(base, e)).collect();
        let expected: Vec<String> = parse(expected);
        assert_eq!(actual.len(), expected.len(), "{name}: effects {actual:#?}");
        for (a, e) in actual.iter().zip(&expected) {
            assert!(
                line_matches(a, e),
                "{name}: effect {a:?} does not start with {e:?}"
            );
        }
    }
    if let Some(expected) = expect.get("ended") {
        let summary = effects.iter().find_map(|e| match e {
            Effect::SessionEnded { summary } => Some(summary),
            _ => None,
        });
        let summary = summary.unwrap_or_else(|| panic!("{name}: no SessionEnded effect"));
        assert_eq!(
            name_of(&summary.outcome),
            expected["outcome"],
            "{name}: outcome"
        );
        assert_eq!(
            result_lines(&summary.areas),
            parse::<Vec<String>>(&expected["areas"]),
            "{name}: areas"
        );
        assert_eq!(
            Value::from(summary.mask_applied),
            expected["mask_applied"],
            "{name}: mask"
        );
        assert_eq!(summary.started_at, base, "{name}: started_at");
    }
    if !view.instruction.is_empty() {
        let lower = view.instruction.to_lowercase();
        assert!(!lower.contains("cure"), "{name}: {lower}");
    }
}

/// An expected line matches an actual one it begins, but never in the middle
/// of a number ("+63" does not match "+631").
fn line_matches(actual: &str, expected: &str) -> bool {
    actual.starts_with(expected)
        && !actual[expected.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
}

type Trace = Vec<Result<(SessionView, Vec<Effect>), String>>;

/// Runs one scenario; with `restore`, every state is saved and restored
/// before the next event. Returns every outcome, for comparing the two runs.
fn run(file: &str, scenario: &Value, restore: bool) -> Trace {
    let base: DateTime<Utc> = parse(&scenario["base"]);
    // The needle may be written as "NaN" (JSON has no NaN): read it apart.
    let mut plan_json = scenario["plan"].clone();
    plan_json["needle_mm"] = Value::from(0.0);
    let mut plan: SessionPlan = parse(&plan_json);
    plan.needle_mm = common::number(&scenario["plan"]["needle_mm"]);
    let mut state = match (
        SessionState::start(&plan, base),
        scenario.get("start_error"),
    ) {
        (Err(err), Some(expected)) => {
            assert_eq!(&Value::from(error_name(&err)), expected, "{file}: start");
            return Vec::new();
        }
        (Ok(state), None) => state,
        (outcome, _) => panic!("{file}: unexpected start {outcome:?}"),
    };
    let mut trace = Trace::new();
    let mut last = base;
    for (number, step) in scenario["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let name = format!("{file} step {} ({})", number + 1, step["event"]);
        let repeat = step.get("repeat").and_then(Value::as_i64).unwrap_or(1);
        let mut effects = Vec::new();
        for index in 0..repeat {
            let view = state.view();
            let event = event_for(step, &view);
            let at = instant_for(step, index, base, last, &view);
            let before = state.to_saved();
            match (state.apply(event, at), step["expect"].get("error")) {
                (Ok((next, fx)), None) => {
                    next.check()
                        .unwrap_or_else(|e| panic!("{name}: corrupt state {e}"));
                    state = next;
                    last = at;
                    trace.push(Ok((state.view(), fx.clone())));
                    effects = fx;
                }
                (Err(err), Some(expected)) => {
                    assert_eq!(&Value::from(error_name(&err)), expected, "{name}");
                    assert_eq!(
                        state.to_saved(),
                        before,
                        "{name}: a refused event changed the state"
                    );
                    trace.push(Err(error_name(&err)));
                }
                (outcome, _) => panic!("{name}: unexpected {outcome:?}"),
            }
            if restore {
                state = SessionState::from_saved(&state.to_saved())
                    .unwrap_or_else(|e| panic!("{name}: restore failed: {e}"));
            }
        }
        check_expect(&name, base, &step["expect"], &state.view(), &effects);
    }
    if let Some(expected) = scenario.get("final_step") {
        assert_eq!(
            Value::from(name_of(&state.step())),
            *expected,
            "{file}: final step"
        );
    }
    trace
}

#[test]
fn session_scenarios_hold_and_restoring_at_every_step_is_invisible() {
    let mut scenarios = 0;
    for (file, scenario) in common::scenario_files("session") {
        let straight = run(&file, &scenario, false);
        let restored = run(&file, &scenario, true);
        assert_eq!(straight, restored, "{file}: restoring changed the run");
        scenarios += 1;
    }
    assert!(scenarios >= 7, "only {scenarios} session scenarios ran");
}
