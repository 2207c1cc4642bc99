//! The schedule's rules, case by case: due dates, month arithmetic, quiet
//! hours, the aftercare timeline, the missed-session follow-up, the cap.

#[path = "common/schedule.rs"]
mod schedule_common;

use chrono::Duration;
use dermaroll_core::schedule::{
    adherence, aftercare_timeline, next_due, notification_plan, reconcile, year_plan, DueStatus,
    NotificationKind, PersonTimer, PersonTimerKind, Platform, Trigger,
};
use dermaroll_core::time::{CalendarDate, FloatingDateTime};
use schedule_common::*;

fn date(year: i32, month: u32, day: u32) -> CalendarDate {
    CalendarDate { year, month, day }
}

fn wall(y: i32, mo: u32, d: u32, hour: u32, minute: u32) -> Trigger {
    Trigger::WallClock {
        at: FloatingDateTime {
            date: date(y, mo, d),
            hour,
            minute,
        },
    }
}

#[test]
fn monthly_due_dates_clamp_to_the_month_end() {
    for ((y, m, d), due) in [
        ((2027, 1, 31), date(2027, 2, 28)),
        ((2028, 1, 31), date(2028, 2, 29)),
        ((2028, 1, 29), date(2028, 2, 29)),
        ((2026, 8, 31), date(2026, 9, 30)),
        ((2026, 12, 25), date(2027, 1, 25)),
    ] {
        let end = local_instant(y, m, d, 23, 40, 60);
        let mut f = facts(end + Duration::hours(1), 60);
        f.sessions.push(stamped(end, 60));
        let next = next_due(&f).expect("next due");
        assert_eq!(next.due, due, "{y}-{m}-{d}");
        assert_eq!(
            next.reminder_at,
            FloatingDateTime {
                date: due,
                hour: 22,
                minute: 30
            }
        );
        assert_eq!(next.status, DueStatus::TooEarly);
        assert_eq!(
            next.earliest_allowed,
            next.last_session
                .and_then(|l| l.plus_days(28))
                .expect("earliest")
        );
    }
}

#[test]
fn the_local_date_comes_from_the_stored_offset() {
    // 23:30 UTC on 31 March is already 1 April in Berlin (+02:00).
    let end = local_instant(2027, 4, 1, 1, 30, 120);
    let mut f = facts(end + Duration::hours(1), 120);
    f.sessions.push(stamped(end, 120));
    let next = next_due(&f).expect("next due");
    assert_eq!(next.last_session, Some(date(2027, 4, 1)));
    assert_eq!(next.due, date(2027, 5, 1));
    // The same instant recorded in New York is still 31 March there.
    f.sessions[0].utc_offset_minutes = -240;
    assert_eq!(next_due(&f).expect("next due").due, date(2027, 4, 30));
}

#[test]
fn short_needles_follow_the_person_but_never_the_minimum() {
    let end = local_instant(2027, 3, 1, 22, 0, 0);
    let mut f = facts(end + Duration::hours(1), 0);
    f.roller = Some(roller(0.2, 1));
    f.sessions.push(stamped(end, 0));
    f.profile.interval_days = Some(1);
    assert_eq!(next_due(&f).expect("due").due, date(2027, 3, 3));
    f.profile.interval_days = Some(5);
    assert_eq!(next_due(&f).expect("due").due, date(2027, 3, 6));
    f.profile.interval_days = None;
    assert_eq!(next_due(&f).expect("due").due, date(2027, 3, 8));
    // 0.3 mm: monthly, minimum 14 days.
    f.roller = Some(roller(0.3, 1));
    assert_eq!(next_due(&f).expect("due").due, date(2027, 4, 1));
}

#[test]
fn a_bedtime_after_midnight_belongs_to_the_evening_and_quiet_hours_move_it_earlier() {
    let end = local_instant(2027, 1, 10, 23, 0, 60);
    let mut f = facts(end + Duration::hours(1), 60);
    f.sessions.push(stamped(end, 60));
    f.profile.bedtime = tod(0, 30);
    // 00:00 on 11 Feb is in the default quiet hours (23:30–07:00): 23:15 on 10 Feb.
    let next = next_due(&f).expect("due");
    assert_eq!(next.due, date(2027, 2, 10));
    assert_eq!(
        Trigger::WallClock {
            at: next.reminder_at
        },
        wall(2027, 2, 10, 23, 15)
    );
    f.profile.quiet_hours = Some(no_quiet());
    let next = next_due(&f).expect("due");
    assert_eq!(
        Trigger::WallClock {
            at: next.reminder_at
        },
        wall(2027, 2, 11, 0, 0)
    );
}

#[test]
fn a_finished_session_gets_its_aftercare_timeline() {
    let end = local_instant(2027, 5, 3, 23, 40, 120);
    let mut f = facts(end + Duration::minutes(1), 120);
    f.sessions.push(stamped(end, 120));
    let plan = notification_plan(&f).expect("plan");
    let kinds: Vec<_> = plan.notifications.iter().map(|n| n.kind).collect();
    assert_eq!(
        &kinds[..4],
        &[
            NotificationKind::MaskWindow,
            NotificationKind::StingCheck,
            NotificationKind::MorningCheckIn,
            NotificationKind::AftercareOver,
        ]
    );
    let n = &plan.notifications;
    assert_eq!(
        n[0].trigger,
        Trigger::FixedInstant {
            at: end + Duration::minutes(10)
        }
    );
    assert_eq!(
        n[1].trigger,
        Trigger::FixedInstant {
            at: end + Duration::minutes(30)
        }
    );
    assert!(n[0].person_started && n[1].person_started);
    assert_eq!(n[2].trigger, wall(2027, 5, 4, 7, 0));
    // 48 h later is 23:40, inside quiet hours: it waits for their end.
    assert_eq!(n[3].trigger, wall(2027, 5, 6, 7, 0));
    assert_eq!(n[4].kind, NotificationKind::SessionDue);
    assert_eq!(n[4].trigger, wall(2027, 6, 3, 22, 30));
    assert!(n[4].id.starts_with("session-due:2027-06-03#"));
    assert!(n[1]
        .id
        .starts_with(&format!("sting-check:{}#", end.timestamp())));
    // The timeline keeps past items too.
    let mut later = f.clone();
    later.now.at = end + Duration::days(3);
    assert_eq!(aftercare_timeline(&later).expect("timeline").len(), 4);
    assert!(notification_plan(&later)
        .expect("plan")
        .notifications
        .iter()
        .all(|n| n.kind == NotificationKind::SessionDue
            || n.kind == NotificationKind::MissedSessionFollowUp));
}

#[test]
fn an_early_session_leaves_48_hours_as_a_fixed_delay() {
    let end = local_instant(2027, 5, 3, 21, 0, 120);
    let mut f = facts(end + Duration::minutes(1), 120);
    f.sessions.push(stamped(end, 120));
    let plan = notification_plan(&f).expect("plan");
    let over = plan
        .notifications
        .iter()
        .find(|n| n.kind == NotificationKind::AftercareOver)
        .expect("aftercare over");
    assert_eq!(
        over.trigger,
        Trigger::FixedInstant {
            at: end + Duration::hours(48)
        }
    );
    assert!(!over.person_started);
}

#[test]
fn a_missed_session_gets_one_gentle_follow_up() {
    let end = local_instant(2027, 1, 10, 23, 0, 60);
    let mut f = facts(local_instant(2027, 2, 11, 12, 0, 60), 60);
    f.sessions.push(stamped(end, 60));
    let next = next_due(&f).expect("due");
    assert_eq!((next.status, next.days_overdue), (DueStatus::Overdue, 1));
    let plan = notification_plan(&f).expect("plan");
    let follow: Vec<_> = plan
        .notifications
        .iter()
        .filter(|n| n.kind == NotificationKind::MissedSessionFollowUp)
        .collect();
    assert_eq!(follow.len(), 1);
    assert_eq!(follow[0].trigger, wall(2027, 2, 13, 22, 30));
    assert!(follow[0].body.contains("2027-02-10"));
    let due: Vec<_> = plan
        .notifications
        .iter()
        .filter(|n| n.kind == NotificationKind::SessionDue)
        .collect();
    assert_eq!(due[0].trigger, wall(2027, 3, 10, 22, 30));
    assert_eq!(due.len(), 12);
    // After the follow-up has passed, nothing nags daily.
    f.now.at = local_instant(2027, 2, 20, 12, 0, 60);
    let plan = notification_plan(&f).expect("plan");
    assert!(plan
        .notifications
        .iter()
        .all(|n| n.kind == NotificationKind::SessionDue));
    assert_eq!(plan.notifications[0].trigger, wall(2027, 3, 10, 22, 30));
}

#[test]
fn the_first_session_waits_for_the_patch_test() {
    let start = local_instant(2027, 2, 1, 20, 0, 60);
    let mut f = facts(start + Duration::minutes(5), 60);
    f.patch_test_started = Some(stamped(start, 60));
    f.roller = Some(roller(0.5, 0));
    let next = next_due(&f).expect("due");
    assert_eq!(next.due, date(2027, 2, 3));
    let plan = notification_plan(&f).expect("plan");
    let kinds: Vec<_> = plan.notifications.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        vec![
            NotificationKind::PatchTestCheck,
            NotificationKind::FirstSession
        ]
    );
    assert_eq!(
        plan.notifications[0].trigger,
        Trigger::FixedInstant {
            at: start + Duration::hours(48)
        }
    );
    assert_eq!(plan.notifications[1].trigger, wall(2027, 2, 3, 22, 30));
    let year = year_plan(&f).expect("year");
    assert_eq!(year.first().map(|p| p.date), Some(date(2027, 2, 3)));
    assert_eq!(year.len(), 12);
    // Without a patch test there is no first-session reminder to nag with.
    f.patch_test_started = None;
    assert_eq!(next_due(&f).expect("due").due, date(2027, 2, 1));
    assert!(notification_plan(&f)
        .expect("plan")
        .notifications
        .is_empty());
}

#[test]
fn a_worn_roller_asks_for_replacement_a_week_before_the_next_session() {
    let end = local_instant(2027, 5, 3, 23, 0, 120);
    let mut f = facts(end + Duration::minutes(1), 120);
    f.sessions.push(stamped(end, 120));
    f.roller = Some(roller(0.5, 10));
    let plan = notification_plan(&f).expect("plan");
    let replace = plan
        .notifications
        .iter()
        .find(|n| n.kind == NotificationKind::ReplaceRoller)
        .expect("replace");
    assert_eq!(replace.trigger, wall(2027, 5, 27, 22, 30));
    assert!(replace.body.contains("10 times"));
}

#[test]
fn person_started_timers_ignore_quiet_hours() {
    let start = local_instant(2027, 5, 3, 23, 50, 120);
    let mut f = facts(start, 120);
    f.timers.push(PersonTimer {
        kind: PersonTimerKind::Mask,
        started_at: start,
        minutes: 15,
    });
    let plan = notification_plan(&f).expect("plan");
    assert_eq!(plan.notifications[0].kind, NotificationKind::MaskTimer);
    assert_eq!(
        plan.notifications[0].trigger,
        Trigger::FixedInstant {
            at: start + Duration::minutes(15)
        }
    );
}

#[test]
fn the_cap_keeps_the_soonest_and_says_when_to_ask_again() {
    let end = local_instant(2027, 3, 1, 21, 0, 0);
    let mut f = facts(end + Duration::minutes(1), 0);
    f.roller = Some(roller(0.1, 1));
    f.profile.interval_days = Some(2);
    f.sessions.push(stamped(end, 0));
    for (platform, cap) in [(Platform::Ios, 64), (Platform::Android, 50)] {
        f.platform = platform;
        let plan = notification_plan(&f).expect("plan");
        assert_eq!(plan.notifications.len(), cap);
        assert!(plan.held_back > 100);
        let last_kept = plan.notifications.last().expect("last");
        assert_eq!(plan.refresh_at, f.now.at + Duration::days(14));
        assert!(matches!(last_kept.trigger, Trigger::WallClock { .. }));
    }
}

#[test]
fn reconcile_cancels_the_stale_and_adds_the_missing() {
    let end = local_instant(2027, 5, 3, 23, 40, 120);
    let mut f = facts(end + Duration::minutes(1), 120);
    f.sessions.push(stamped(end, 120));
    let plan = notification_plan(&f).expect("plan");
    let mut device: Vec<String> = plan.notifications[..3]
        .iter()
        .map(|n| n.id.clone())
        .collect();
    device.push("session-due:2027-01-01#00000000".to_string());
    let r = reconcile(&plan, &device);
    assert_eq!(
        r.cancel,
        vec!["session-due:2027-01-01#00000000".to_string()]
    );
    assert_eq!(r.add.len(), plan.notifications.len() - 3);
    // Nothing to do when the device already holds the plan.
    let ids: Vec<String> = plan.notifications.iter().map(|n| n.id.clone()).collect();
    let r = reconcile(&plan, &ids);
    assert!(r.cancel.is_empty() && r.add.is_empty());
}

#[test]
fn adherence_counts_on_time_early_and_late() {
    let mut f = facts(local_instant(2027, 6, 1, 12, 0, 60), 60);
    for (m, d) in [(1, 10), (2, 10), (3, 1), (4, 1), (5, 20)] {
        f.sessions
            .push(stamped(local_instant(2027, m, d, 23, 0, 60), 60));
    }
    // 10 Feb on time, 1 Mar too early (19 days), 1 Apr on time, 20 May late.
    f.sessions
        .push(stamped(local_instant(2027, 2, 25, 23, 0, 60), 60));
    f.sessions.sort_by_key(|s| s.at);
    let a = adherence(&f).expect("adherence");
    assert_eq!(a.sessions, 6);
    assert_eq!(a.intervals, 5);
    // 10 Jan→10 Feb on time; →25 Feb too early; →1 Mar too early; →1 Apr on time; →20 May late.
    assert_eq!((a.on_time, a.too_early, a.early, a.late), (2, 2, 0, 1));
    assert_eq!(a.on_time_percent, Some(40));
}

/// A change that spoils one field of the facts.
type Mutation = Box<dyn Fn(&mut dermaroll_core::schedule::ScheduleFacts)>;

#[test]
fn bad_facts_name_the_field() {
    let now = local_instant(2027, 1, 1, 12, 0, 0);
    let cases: Vec<(&str, Mutation)> = vec![
        (
            "profile.bedtime",
            Box::new(|f| f.profile.bedtime = tod(24, 0)),
        ),
        (
            "profile.wake_time",
            Box::new(|f| f.profile.wake_time = tod(7, 60)),
        ),
        (
            "profile.lead_minutes",
            Box::new(|f| f.profile.lead_minutes = Some(10_000)),
        ),
        (
            "profile.interval_days",
            Box::new(|f| f.profile.interval_days = Some(0)),
        ),
        (
            "profile.quiet_hours.start",
            Box::new(|f| {
                f.profile.quiet_hours = Some(dermaroll_core::schedule::QuietHours {
                    start: tod(25, 0),
                    end: tod(7, 0),
                })
            }),
        ),
        (
            "roller.needle_mm",
            Box::new(|f| f.roller = Some(roller(f64::NAN, 0))),
        ),
        (
            "utc_offset_minutes",
            Box::new(|f| f.now.utc_offset_minutes = 2000),
        ),
        (
            "sessions.utc_offset_minutes",
            Box::new(|f| f.sessions.push(stamped(f.now.at, -5000))),
        ),
        (
            "timers.minutes",
            Box::new(|f| {
                f.timers.push(PersonTimer {
                    kind: PersonTimerKind::Mask,
                    started_at: f.now.at,
                    minutes: 0,
                })
            }),
        ),
    ];
    for (field, mutate) in cases {
        let mut f = facts(now, 0);
        mutate(&mut f);
        let err = notification_plan(&f).expect_err(field);
        let dermaroll_core::schedule::ScheduleError::Input(input) = err;
        assert_eq!(input.field, field);
    }
    let mut f = facts(now, 0);
    f.roller = None;
    assert!(next_due(&f).is_err());
    assert!(notification_plan(&f)
        .expect("plan without a roller")
        .notifications
        .is_empty());
}
