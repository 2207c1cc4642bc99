//! Builders for schedule facts shared by the schedule tests.

#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use dermaroll_core::schedule::{
    ActiveRoller, OffsetInstant, Platform, QuietHours, ScheduleFacts, ScheduleProfile, TimeOfDay,
};
use dermaroll_core::time::{Moment, UtcDateTime};

/// A time of day.
pub fn tod(hour: u32, minute: u32) -> TimeOfDay {
    TimeOfDay { hour, minute }
}

/// An instant from a local date-time at a fixed offset in minutes.
pub fn local_instant(y: i32, mo: u32, d: u32, h: u32, mi: u32, offset_minutes: i32) -> UtcDateTime {
    let offset = FixedOffset::east_opt(offset_minutes * 60).expect("offset");
    let naive = NaiveDate::from_ymd_opt(y, mo, d)
        .and_then(|date| date.and_hms_opt(h, mi, 0))
        .expect("date");
    offset
        .from_local_datetime(&naive)
        .single()
        .expect("instant")
        .with_timezone(&Utc)
}

/// A recorded instant with its offset.
pub fn stamped(at: UtcDateTime, utc_offset_minutes: i32) -> OffsetInstant {
    OffsetInstant {
        at,
        utc_offset_minutes,
    }
}

/// Bedtime 23:00, wake 07:00, the default lead (30 min) and quiet hours (23:30–07:00).
pub fn profile() -> ScheduleProfile {
    ScheduleProfile {
        bedtime: tod(23, 0),
        wake_time: tod(7, 0),
        lead_minutes: None,
        quiet_hours: None,
        interval_days: None,
    }
}

/// A 0.5 mm roller with `uses` uses.
pub fn roller(needle_mm: f64, uses: u32) -> ActiveRoller {
    ActiveRoller {
        needle_mm,
        uses,
        first_used_at: DateTime::from_timestamp(1_780_000_000, 0),
    }
}

/// Facts with a 0.5 mm roller, no sessions, at `now` with `offset`.
pub fn facts(now: UtcDateTime, utc_offset_minutes: i32) -> ScheduleFacts {
    ScheduleFacts {
        profile: profile(),
        roller: Some(roller(0.5, 1)),
        sessions: Vec::new(),
        patch_test_started: None,
        timers: Vec::new(),
        now: Moment {
            at: now,
            utc_offset_minutes,
            zone: "Europe/Berlin".into(),
        },
        platform: Platform::Ios,
    }
}

/// No quiet hours at all.
pub fn no_quiet() -> QuietHours {
    QuietHours {
        start: tod(0, 0),
        end: tod(0, 0),
    }
}
