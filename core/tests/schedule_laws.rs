//! Property tests of the notification plan's laws: sorted, stable ids (the
//! same id always means the same content), nothing in quiet hours except
//! person-started timers, the cap never exceeded, nothing in the past, and
//! reconcile(plan, device) applied to the device yields the plan.

#[path = "common/schedule.rs"]
mod schedule_common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveDateTime, Timelike};
use dermaroll_core::schedule::{
    estimated_instant, notification_plan, reconcile, ActiveRoller, PersonTimer, PersonTimerKind,
    PlannedNotification, Platform, QuietHours, ScheduleFacts, ScheduleProfile, TimeOfDay, Trigger,
};
use dermaroll_core::time::{Moment, UtcDateTime};
use proptest::prelude::*;
use schedule_common::stamped;

fn time_of_day() -> impl Strategy<Value = TimeOfDay> {
    (0u32..24, 0u32..60).prop_map(|(hour, minute)| TimeOfDay { hour, minute })
}

fn offset() -> impl Strategy<Value = i32> {
    (-48i32..=56).prop_map(|quarters| quarters * 15)
}

fn instant(secs: i64) -> UtcDateTime {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

fn facts() -> impl Strategy<Value = ScheduleFacts> {
    let profile = (
        time_of_day(),
        time_of_day(),
        proptest::option::of(0u32..=240),
        proptest::option::of((time_of_day(), time_of_day())),
        proptest::option::of(1u32..=60),
    )
        .prop_map(
            |(bedtime, wake_time, lead_minutes, quiet, interval_days)| ScheduleProfile {
                bedtime,
                wake_time,
                lead_minutes,
                quiet_hours: quiet.map(|(start, end)| QuietHours { start, end }),
                interval_days,
            },
        );
    let roller = proptest::option::of(
        (
            prop::sample::select(vec![0.1, 0.2, 0.25, 0.3, 0.45, 0.5, 0.75]),
            0u32..15,
        )
            .prop_map(|(needle_mm, uses)| ActiveRoller {
                needle_mm,
                uses,
                first_used_at: Some(instant(1_750_000_000)),
            }),
    );
    (
        profile,
        roller,
        1_780_000_000i64..1_900_000_000,
        offset(),
        prop::collection::vec((0i64..400 * 86_400, offset()), 0..5),
        proptest::option::of((0i64..5 * 86_400, offset())),
        prop::collection::vec((0i64..3600, 1u32..=120), 0..3),
        prop::bool::ANY,
    )
        .prop_map(
            |(profile, roller, now, now_offset, sessions, patch, timers, ios)| ScheduleFacts {
                profile,
                roller,
                sessions: sessions
                    .into_iter()
                    .map(|(ago, off)| stamped(instant(now - ago), off))
                    .collect(),
                patch_test_started: patch.map(|(ago, off)| stamped(instant(now - ago), off)),
                timers: timers
                    .into_iter()
                    .map(|(ago, minutes)| PersonTimer {
                        kind: PersonTimerKind::Mask,
                        started_at: instant(now - ago),
                        minutes,
                    })
                    .collect(),
                now: Moment {
                    at: instant(now),
                    utc_offset_minutes: now_offset,
                    zone: "Etc/UTC".into(),
                },
                platform: if ios {
                    Platform::Ios
                } else {
                    Platform::Android
                },
            },
        )
}

fn local_of(n: &PlannedNotification, offset_minutes: i32) -> NaiveDateTime {
    let at = estimated_instant(&n.trigger, offset_minutes).expect("estimate");
    at.naive_utc() + Duration::minutes(i64::from(offset_minutes))
}

fn quiet_of(facts: &ScheduleFacts) -> QuietHours {
    facts
        .profile
        .quiet_hours
        .unwrap_or_else(QuietHours::default_hours)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plans_are_sorted_capped_ahead_and_deterministic(facts in facts()) {
        let plan = notification_plan(&facts).expect("valid facts plan");
        let offset = facts.now.utc_offset_minutes;
        prop_assert!(plan.notifications.len() <= facts.platform.pending_cap());
        prop_assert_eq!(plan.cap as usize, facts.platform.pending_cap());
        let keys: Vec<(UtcDateTime, String)> = plan
            .notifications
            .iter()
            .map(|n| (estimated_instant(&n.trigger, offset).expect("estimate"), n.id.clone()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        prop_assert_eq!(&keys, &sorted);
        prop_assert!(keys.iter().all(|(at, _)| *at > facts.now.at));
        prop_assert!(plan.refresh_at > facts.now.at);
        let ids: BTreeSet<&String> = plan.notifications.iter().map(|n| &n.id).collect();
        prop_assert_eq!(ids.len(), plan.notifications.len());
        prop_assert_eq!(notification_plan(&facts).expect("again"), plan);
    }

    #[test]
    fn ids_are_stable_and_mean_one_content(facts in facts(), later in 0i64..3 * 86_400) {
        let first = notification_plan(&facts).expect("plan");
        let mut again = facts.clone();
        again.now.at = facts.now.at + Duration::seconds(later);
        let second = notification_plan(&again).expect("plan");
        let by_id: BTreeMap<&String, &PlannedNotification> =
            first.notifications.iter().map(|n| (&n.id, n)).collect();
        for n in &second.notifications {
            if let Some(old) = by_id.get(&n.id) {
                prop_assert_eq!(*old, n);
            }
        }
        // Nothing that is still ahead and within both caps changes its id.
        if first.held_back == 0 && second.held_back == 0 {
            let ahead: BTreeSet<&String> = first
                .notifications
                .iter()
                .filter(|n| estimated_instant(&n.trigger, facts.now.utc_offset_minutes)
                    .is_some_and(|at| at > again.now.at + Duration::days(2)))
                .map(|n| &n.id)
                .collect();
            let kept: BTreeSet<&String> = second.notifications.iter().map(|n| &n.id).collect();
            // Session reminders after a missed follow-up may change; the
            // aftercare and session ids ahead of both plans stay.
            prop_assert!(ahead.is_subset(&kept) || facts.sessions.is_empty(),
                "lost {:?}", ahead.difference(&kept).collect::<Vec<_>>());
        }
    }

    #[test]
    fn nothing_fires_in_quiet_hours_but_person_started_timers(facts in facts()) {
        let plan = notification_plan(&facts).expect("plan");
        let quiet = quiet_of(&facts);
        for n in plan.notifications.iter().filter(|n| !n.person_started) {
            let local = local_of(n, facts.now.utc_offset_minutes);
            let time = TimeOfDay { hour: local.hour(), minute: local.minute() };
            prop_assert!(!quiet.contains(time), "{} at {} in {:?}", n.id, local, quiet);
            if let Trigger::WallClock { at } = n.trigger {
                prop_assert_eq!((at.hour, at.minute), (local.hour(), local.minute()));
            }
        }
    }

    #[test]
    fn reconcile_applied_to_the_device_yields_the_plan(
        facts in facts(),
        keep in prop::collection::vec(prop::bool::ANY, 0..80),
        junk in prop::collection::vec("[a-z-]{1,12}:[0-9]{1,4}#[0-9a-f]{8}", 0..6),
    ) {
        let plan = notification_plan(&facts).expect("plan");
        let mut device: Vec<String> = plan
            .notifications
            .iter()
            .zip(keep.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, k)| **k)
            .map(|(n, _)| n.id.clone())
            .collect();
        device.extend(junk);
        // A device may report an id twice.
        if let Some(first) = device.first().cloned() {
            device.push(first);
        }
        let change = reconcile(&plan, &device);
        let held: BTreeSet<String> = device.iter().cloned().collect();
        prop_assert!(change.add.iter().all(|n| !held.contains(&n.id)));
        prop_assert!(change.cancel.iter().all(|id| held.contains(id)));
        let mut after: BTreeSet<String> = held;
        for id in &change.cancel {
            after.remove(id);
        }
        for n in &change.add {
            prop_assert!(after.insert(n.id.clone()));
        }
        let planned: BTreeSet<String> = plan.notifications.iter().map(|n| n.id.clone()).collect();
        prop_assert_eq!(after, planned);
    }
}

#[test]
fn the_edges_of_the_calendar_are_errors_or_plans_never_panics() {
    use dermaroll_core::schedule::{adherence, aftercare_timeline, next_due, year_plan};
    let edges = [
        DateTime::<chrono::Utc>::MIN_UTC,
        DateTime::<chrono::Utc>::MAX_UTC,
        instant(0),
    ];
    for now in edges {
        for session in edges {
            for offset in [-720, 0, 840] {
                let mut f = schedule_common::facts(now, offset);
                f.sessions.push(stamped(session, offset));
                f.patch_test_started = Some(stamped(session, offset));
                f.timers.push(PersonTimer {
                    kind: PersonTimerKind::Mask,
                    started_at: session,
                    minutes: 120,
                });
                let _ = notification_plan(&f);
                let _ = next_due(&f);
                let _ = year_plan(&f);
                let _ = adherence(&f);
                let _ = aftercare_timeline(&f);
            }
        }
    }
}
