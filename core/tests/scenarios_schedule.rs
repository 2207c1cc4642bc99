//! Runs the schedule scenarios in `tests/scenarios/schedule/`; the Kotlin
//! binding tests run the same files through the bindings.

#[allow(dead_code)] // not every helper is used by every runner
mod common;

use dermaroll_core::schedule::{
    next_due, notification_plan, reconcile, PlannedNotification, ScheduleError, ScheduleFacts,
    Trigger,
};
use dermaroll_core::time::{CalendarDate, FloatingDateTime};
use serde_json::Value;

fn parse<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{value}: {e}"))
}

fn date(d: CalendarDate) -> String {
    d.to_string()
}

fn wall(at: FloatingDateTime) -> String {
    format!("{}T{:02}:{:02}", at.date, at.hour, at.minute)
}

/// The scenario files' spelling of a trigger.
fn trigger(t: &Trigger) -> String {
    match t {
        Trigger::WallClock { at } => format!("wall {}", wall(*at)),
        Trigger::FixedInstant { at } => format!("fixed {}", at.format("%Y-%m-%dT%H:%M:%SZ")),
    }
}

fn entry(n: &PlannedNotification) -> Vec<String> {
    vec![
        serde_json::to_value(n.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        trigger(&n.trigger),
    ]
}

#[test]
fn schedule_scenarios_hold() {
    let mut cases = 0;
    for (file, scenario) in common::scenario_files("schedule") {
        for case in scenario["cases"].as_array().unwrap_or(&Vec::new()) {
            let name = format!("{file}: {}", case["name"]);
            let facts: ScheduleFacts = parse(&case["facts"]);
            let expect = &case["expect"];
            cases += 1;
            if let Some(field) = expect.get("error_field") {
                match notification_plan(&facts) {
                    Err(ScheduleError::Input(err)) => {
                        assert_eq!(err.binding_field(), *field, "{name}")
                    }
                    other => panic!("{name}: expected an error, got {other:?}"),
                }
                continue;
            }
            if let Some(due) = expect.get("next_due") {
                let next = next_due(&facts).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(date(next.due), due["due"], "{name}");
                assert_eq!(
                    date(next.earliest_allowed),
                    due["earliest_allowed"],
                    "{name}"
                );
                assert_eq!(
                    serde_json::to_value(next.status).ok().as_ref(),
                    Some(&due["status"]),
                    "{name}"
                );
                assert_eq!(
                    next.days_overdue,
                    parse::<u32>(&due["days_overdue"]),
                    "{name}"
                );
                assert_eq!(wall(next.reminder_at), due["reminder_at"], "{name}");
            }
            let plan = notification_plan(&facts).unwrap_or_else(|e| panic!("{name}: {e}"));
            let head: Vec<Vec<String>> = parse(&expect["plan"]);
            let got: Vec<Vec<String>> = plan
                .notifications
                .iter()
                .take(head.len())
                .map(entry)
                .collect();
            assert_eq!(got, head, "{name}");
            assert_eq!(
                plan.notifications.len(),
                parse::<usize>(&expect["count"]),
                "{name}"
            );
            assert_eq!(plan.held_back, parse::<u32>(&expect["held_back"]), "{name}");
            if let Some(refresh) = expect.get("refresh_at") {
                assert_eq!(
                    plan.refresh_at,
                    parse::<chrono::DateTime<chrono::Utc>>(refresh),
                    "{name}"
                );
            }
            if let Some(r) = expect.get("reconcile") {
                let keep: usize = parse(&r["device_keep"]);
                let mut device: Vec<String> = plan
                    .notifications
                    .iter()
                    .take(keep)
                    .map(|n| n.id.clone())
                    .collect();
                device.extend(parse::<Vec<String>>(&r["device_extra"]));
                let change = reconcile(&plan, &device);
                assert_eq!(change.cancel, parse::<Vec<String>>(&r["cancel"]), "{name}");
                assert_eq!(change.add.len(), parse::<usize>(&r["add"]), "{name}");
                let mut after: Vec<String> = device
                    .into_iter()
                    .filter(|id| !change.cancel.contains(id))
                    .collect();
                after.extend(change.add.iter().map(|n| n.id.clone()));
                after.sort();
                let mut planned: Vec<String> =
                    plan.notifications.iter().map(|n| n.id.clone()).collect();
                planned.sort();
                assert_eq!(after, planned, "{name}");
            }
        }
    }
    assert!(cases >= 10, "only {cases} schedule cases ran");
}
