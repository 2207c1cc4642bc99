//! A simulated year on emulated phones in real zones (chrono-tz, a
//! dev-dependency only: the shipped core has no zone database).
//!
//! The emulated phone does what docs/notifications.md tells the shells:
//! it asks for a plan, reconciles what it holds, turns a wall-clock trigger
//! into an instant with its own zone rules (a time in a spring-forward gap
//! fires at the first valid instant after the gap, i.e. shifted forward by
//! the gap's length; a time in a fall-back overlap fires at the earlier of
//! the two instants), fires fixed instants as they are, and asks again on
//! `refresh_at`, after every notification and on every zone change.
//!
//! The person rolls on the evening each session reminder fires. Checks:
//! every wall-clock reminder fires at its local time in the zone the phone
//! is in then, session reminders on the independently computed due date at
//! bedtime minus the lead, and every fixed delay at its intended instant.

#[path = "common/schedule.rs"]
mod schedule_common;

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use dermaroll_core::schedule::{
    notification_plan, reconcile, NotificationKind, PlannedNotification, Platform, Trigger,
};
use dermaroll_core::time::{Moment, UtcDateTime};
use schedule_common::*;

/// The local date-time a floating trigger names.
fn naive(trigger: &Trigger) -> Option<NaiveDateTime> {
    match trigger {
        Trigger::WallClock { at } => {
            NaiveDate::from_ymd_opt(at.date.year, at.date.month, at.date.day)
                .and_then(|d| d.and_hms_opt(at.hour, at.minute, 0))
        }
        Trigger::FixedInstant { .. } => None,
    }
}

/// The shells' rule for a floating local time in a zone.
fn resolve(zone: Tz, local: NaiveDateTime) -> UtcDateTime {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.with_timezone(&Utc).min(b.with_timezone(&Utc)),
        LocalResult::None => {
            // In a gap: read it with the offset in force before the gap,
            // which lands it the gap's length later on the wall clock.
            let before = zone
                .from_local_datetime(&(local - Duration::hours(3)))
                .earliest()
                .expect("a valid time before the gap");
            let offset = before.offset().fix();
            (local - Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc()
        }
    }
}

fn offset_minutes(zone: Tz, at: UtcDateTime) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
        / 60
}

fn local_in(zone: Tz, at: UtcDateTime) -> NaiveDateTime {
    at.with_timezone(&zone).naive_local()
}

/// One month later, clamped to the month's end, written out by hand so the
/// check does not lean on the core's arithmetic.
fn plus_one_month(date: NaiveDate) -> NaiveDate {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    let mut day = date.day();
    loop {
        if let Some(d) = NaiveDate::from_ymd_opt(y, m, day) {
            return d;
        }
        day -= 1;
    }
}

/// The zones the phone is in: from an instant on, a zone.
struct Itinerary(Vec<(UtcDateTime, Tz)>);

impl Itinerary {
    fn zone_at(&self, at: UtcDateTime) -> Tz {
        self.0
            .iter()
            .rev()
            .find(|(from, _)| *from <= at)
            .map(|(_, z)| *z)
            .unwrap_or(self.0[0].1)
    }
    fn next_change_after(&self, at: UtcDateTime) -> Option<UtcDateTime> {
        self.0.iter().map(|(from, _)| *from).find(|from| *from > at)
    }
}

#[derive(Default, Debug)]
struct Tally {
    fired: BTreeMap<String, usize>,
    sessions: usize,
    plans: usize,
    due_dates: Vec<NaiveDate>,
}

/// Runs a year: the first session at `first_end` (local in the first zone).
fn simulate_year(itinerary: &Itinerary, first_end: UtcDateTime, platform: Platform) -> Tally {
    let mut tally = Tally::default();
    let start_zone = itinerary.zone_at(first_end);
    let mut facts = facts(first_end, offset_minutes(start_zone, first_end));
    facts.platform = platform;
    facts
        .sessions
        .push(stamped(first_end, offset_minutes(start_zone, first_end)));
    let mut expected_due = plus_one_month(local_in(start_zone, first_end).date());
    let mut device: BTreeMap<String, PlannedNotification> = BTreeMap::new();
    let mut now = first_end;
    let end = first_end + Duration::days(365);
    let lead = Duration::minutes(30);
    let bedtime_minus_lead = (22, 30);
    while now < end {
        let zone = itinerary.zone_at(now);
        facts.now = Moment {
            at: now,
            utc_offset_minutes: offset_minutes(zone, now),
            zone: zone.name().into(),
        };
        let plan = notification_plan(&facts).expect("plan");
        tally.plans += 1;
        assert!(plan.notifications.len() <= plan.cap as usize);
        let ids: Vec<String> = device.keys().cloned().collect();
        let change = reconcile(&plan, &ids);
        for id in change.cancel {
            device.remove(&id);
        }
        for n in change.add {
            device.insert(n.id.clone(), n);
        }
        assert_eq!(device.len(), plan.notifications.len());

        // The next thing to happen: a notification, a zone change or a refresh.
        let next_fire = device
            .values()
            .map(|n| {
                let at = match &n.trigger {
                    Trigger::FixedInstant { at } => *at,
                    Trigger::WallClock { .. } => resolve(zone, naive(&n.trigger).expect("wall")),
                };
                (at, n.id.clone())
            })
            .filter(|(at, _)| *at > now)
            .min();
        let change_at = itinerary.next_change_after(now);
        let mut next = plan.refresh_at;
        if let Some(at) = change_at {
            next = next.min(at);
        }
        match next_fire {
            Some((at, id)) if at <= next => {
                now = at;
                let n = device.remove(&id).expect("held");
                *tally.fired.entry(n.kind.slug().to_string()).or_default() += 1;
                let zone = itinerary.zone_at(now);
                match &n.trigger {
                    Trigger::WallClock { .. } => {
                        let intended = naive(&n.trigger).expect("wall");
                        assert_eq!(local_in(zone, now), intended, "{} in {zone}", n.id);
                    }
                    Trigger::FixedInstant { at } => assert_eq!(now, *at, "{}", n.id),
                }
                let last = facts.sessions.last().expect("a session").at;
                match n.kind {
                    NotificationKind::MaskWindow => assert_eq!(now, last + Duration::minutes(10)),
                    NotificationKind::StingCheck => assert_eq!(now, last + Duration::minutes(30)),
                    NotificationKind::AftercareOver => assert!(now >= last + Duration::hours(48)),
                    NotificationKind::MorningCheckIn => {
                        assert_eq!(
                            local_in(zone, now).time(),
                            chrono::NaiveTime::from_hms_opt(7, 0, 0).expect("7:00")
                        )
                    }
                    NotificationKind::SessionDue => {
                        let local = local_in(zone, now);
                        assert_eq!(local.date(), expected_due, "due date in {zone}");
                        assert_eq!(
                            (local.time().format("%H:%M").to_string()),
                            format!("{:02}:{:02}", bedtime_minus_lead.0, bedtime_minus_lead.1)
                        );
                        tally.due_dates.push(local.date());
                        // The person rolls now and finishes 70 minutes later
                        // (23:40, inside the quiet hours); the phone records
                        // the end with its offset then.
                        let session_end = now + lead + Duration::minutes(40);
                        now = session_end;
                        let zone = itinerary.zone_at(now);
                        facts.sessions.push(stamped(now, offset_minutes(zone, now)));
                        facts.roller = facts.roller.map(|mut r| {
                            r.uses += 1;
                            r
                        });
                        expected_due = plus_one_month(local_in(zone, now).date());
                        tally.sessions += 1;
                    }
                    NotificationKind::ReplaceRoller => {
                        // The person gets a fresh roller.
                        facts.roller = facts.roller.map(|mut r| {
                            r.uses = 0;
                            r.first_used_at = Some(now);
                            r
                        });
                    }
                    other => panic!("unexpected {other:?} in this simulation"),
                }
            }
            _ => now = next,
        }
    }
    tally
}

fn at_local(zone: Tz, y: i32, m: u32, d: u32, h: u32, mi: u32) -> UtcDateTime {
    resolve(
        zone,
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, mi, 0))
            .expect("date"),
    )
}

fn check_tally(tally: &Tally, label: &str) {
    println!("{label}: {tally:?}");
    assert!(tally.sessions >= 12, "{label}: {tally:?}");
    for kind in [
        "mask-window",
        "sting-check",
        "morning-check-in",
        "aftercare-over",
    ] {
        assert!(
            tally.fired.get(kind).copied().unwrap_or(0) >= 12,
            "{label}: {kind}: {tally:?}"
        );
    }
}

#[test]
fn a_year_in_berlin_with_a_trip_to_new_york_and_back() {
    let berlin: Tz = chrono_tz::Europe::Berlin;
    let new_york: Tz = chrono_tz::America::New_York;
    let first = at_local(berlin, 2027, 1, 31, 23, 40);
    // Fly out five minutes after the May session (its sting check is still
    // pending) and back on 10 August.
    let itinerary = Itinerary(vec![
        (first - Duration::days(1), berlin),
        (at_local(berlin, 2027, 5, 28, 23, 45), new_york),
        (at_local(new_york, 2027, 8, 10, 18, 0), berlin),
    ]);
    let tally = simulate_year(&itinerary, first, Platform::Ios);
    check_tally(&tally, "Berlin");
    // 31 January → 28 February, then the 28th each month.
    assert_eq!(
        tally.due_dates[0],
        NaiveDate::from_ymd_opt(2027, 2, 28).expect("date")
    );
    assert!(tally.due_dates.iter().skip(1).all(|d| d.day() == 28));
}

#[test]
fn a_year_in_new_york() {
    let zone: Tz = chrono_tz::America::New_York;
    let first = at_local(zone, 2027, 3, 1, 23, 40);
    let tally = simulate_year(
        &Itinerary(vec![(first - Duration::days(1), zone)]),
        first,
        Platform::Android,
    );
    check_tally(&tally, "New York");
}

#[test]
fn a_year_on_lord_howe_with_half_hour_daylight_saving() {
    let zone: Tz = chrono_tz::Australia::Lord_Howe;
    let first = at_local(zone, 2026, 9, 15, 23, 40);
    let tally = simulate_year(
        &Itinerary(vec![(first - Duration::days(1), zone)]),
        first,
        Platform::Ios,
    );
    check_tally(&tally, "Lord Howe");
}

#[test]
fn a_year_in_kolkata_over_a_leap_day_and_the_31st() {
    let zone: Tz = chrono_tz::Asia::Kolkata;
    let first = at_local(zone, 2027, 12, 31, 23, 40);
    let tally = simulate_year(
        &Itinerary(vec![(first - Duration::days(1), zone)]),
        first,
        Platform::Android,
    );
    check_tally(&tally, "Kolkata");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
    // 31 December → 31 January → 29 February (leap day) → 29 March …
    assert_eq!(
        &tally.due_dates[..3],
        &[d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 29)]
    );
}

#[test]
fn the_dst_rule_the_shells_apply() {
    let berlin: Tz = chrono_tz::Europe::Berlin;
    let lord_howe: Tz = chrono_tz::Australia::Lord_Howe;
    let t = |y, m, d, h, mi| {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|date| date.and_hms_opt(h, mi, 0))
            .expect("date")
    };
    // Spring forward: 02:30 does not exist in Berlin on 28 March 2027 → 03:30 CEST.
    let fired = resolve(berlin, t(2027, 3, 28, 2, 30));
    assert_eq!(local_in(berlin, fired), t(2027, 3, 28, 3, 30));
    // Lord Howe skips 02:00–02:30 on 4 October 2026: 02:15 → 02:45.
    let fired = resolve(lord_howe, t(2026, 10, 4, 2, 15));
    assert_eq!(local_in(lord_howe, fired), t(2026, 10, 4, 2, 45));
    // Fall back: 01:45 happens twice on Lord Howe on 4 April 2027: the earlier (+11:00).
    let fired = resolve(lord_howe, t(2027, 4, 4, 1, 45));
    assert_eq!(offset_minutes(lord_howe, fired), 11 * 60);
    // Berlin 02:30 on 31 October 2027 happens twice: the earlier, in CEST.
    let fired = resolve(berlin, t(2027, 10, 31, 2, 30));
    assert_eq!(offset_minutes(berlin, fired), 120);
}

#[test]
fn a_morning_check_in_in_a_gap_fires_after_the_gap() {
    // Wake time 02:15 with no quiet hours, the night Lord Howe springs forward.
    let zone: Tz = chrono_tz::Australia::Lord_Howe;
    let end = at_local(zone, 2026, 10, 3, 23, 0);
    let mut f = facts(end + Duration::minutes(1), offset_minutes(zone, end));
    f.profile.wake_time = tod(2, 15);
    f.profile.quiet_hours = Some(no_quiet());
    f.sessions.push(stamped(end, offset_minutes(zone, end)));
    let plan = notification_plan(&f).expect("plan");
    let check_in = plan
        .notifications
        .iter()
        .find(|n| n.kind == NotificationKind::MorningCheckIn)
        .expect("check-in");
    let local = naive(&check_in.trigger).expect("wall");
    assert_eq!(
        local.format("%Y-%m-%d %H:%M").to_string(),
        "2026-10-04 02:15"
    );
    let fired = resolve(zone, local);
    assert_eq!(local_in(zone, fired).format("%H:%M").to_string(), "02:45");
    // Fixed delays do not care: the sting check is 30 minutes after the end.
    let sting = plan
        .notifications
        .iter()
        .find(|n| n.kind == NotificationKind::StingCheck)
        .expect("sting");
    assert_eq!(
        sting.trigger,
        Trigger::FixedInstant {
            at: end + Duration::minutes(30)
        }
    );
}
