//! The plain input of the schedule: the journal's facts and the person's
//! settings, as one struct. The schedule never reads storage; the integrator
//! turns the journal into these facts so that a shell makes one call.

use chrono::{Duration, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::InputError;
use crate::protocol::{NeedleBand, NeedleLength, TABLE};
use crate::time::{self, CalendarDate, Moment, UtcDateTime};

/// A local time of day (hour and minute), with no date and no zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TimeOfDay {
    /// The hour, 0 – 23.
    pub hour: u32,
    /// The minute, 0 – 59.
    pub minute: u32,
}

impl TimeOfDay {
    /// A time of day from an (hour, minute) pair of the protocol table.
    pub const fn from_pair(pair: (u32, u32)) -> Self {
        Self {
            hour: pair.0,
            minute: pair.1,
        }
    }

    /// Validated chrono time; an impossible time is an error on `field`.
    pub fn to_naive_for(self, field: &'static str) -> Result<NaiveTime, InputError> {
        NaiveTime::from_hms_opt(self.hour, self.minute, 0).ok_or_else(|| {
            InputError::new(
                field,
                format!(
                    "{}:{:02} is not a time of day (expected 00:00 to 23:59)",
                    self.hour, self.minute
                ),
            )
        })
    }

    /// Minutes since midnight (unvalidated values give unspecified but finite results).
    pub fn minutes(self) -> u32 {
        self.hour.saturating_mul(60).saturating_add(self.minute)
    }
}

/// Quiet hours in local time, `[start, end)`; they wrap past midnight when
/// `start` is later than `end` (23:30 – 07:00). Equal start and end mean none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct QuietHours {
    /// When quiet begins.
    pub start: TimeOfDay,
    /// When quiet ends (exclusive).
    pub end: TimeOfDay,
}

impl QuietHours {
    /// The protocol table's default quiet hours.
    pub fn default_hours() -> Self {
        let (start, end) = TABLE.schedule.default_quiet_hours;
        Self {
            start: TimeOfDay::from_pair(start),
            end: TimeOfDay::from_pair(end),
        }
    }

    /// Whether a local time of day is inside the quiet hours.
    pub fn contains(&self, time: TimeOfDay) -> bool {
        let (start, end, t) = (self.start.minutes(), self.end.minutes(), time.minutes());
        match start.cmp(&end) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => start <= t && t < end,
            std::cmp::Ordering::Greater => t >= start || t < end,
        }
    }
}

/// The person's schedule settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScheduleProfile {
    /// When the person usually goes to sleep (local). A time before noon means
    /// after midnight, at the end of the evening.
    pub bedtime: TimeOfDay,
    /// When the person usually wakes (local): the morning check-in's time.
    pub wake_time: TimeOfDay,
    /// Minutes before bedtime for the session reminder; `None` takes the default.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub lead_minutes: Option<u32>,
    /// Quiet hours; `None` takes the default (see the protocol table).
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub quiet_hours: Option<QuietHours>,
    /// Days between sessions the person chose, for short needles only (their
    /// rhythm is person-set); never shorter than the minimum interval.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub interval_days: Option<u32>,
}

/// The roller in use.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ActiveRoller {
    /// Needle length in millimetres.
    pub needle_mm: f64,
    /// Finished sessions with this roller so far.
    pub uses: u32,
    /// When it was first used; `None` for a new roller.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub first_used_at: Option<UtcDateTime>,
}

/// A recorded instant with the device's UTC offset at that moment, as the
/// journal stores it: enough to know its local date without zone rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OffsetInstant {
    /// The instant.
    pub at: UtcDateTime,
    /// The UTC offset in force there and then, in minutes.
    pub utc_offset_minutes: i32,
}

impl OffsetInstant {
    /// The local date-time there and then.
    pub fn local(&self) -> Result<NaiveDateTime, InputError> {
        time::local_date_time(self.at, self.utc_offset_minutes)
    }

    /// The local date there and then.
    pub fn local_date(&self) -> Result<CalendarDate, InputError> {
        Ok(CalendarDate::from_naive(self.local()?.date()))
    }
}

/// A timer the person started (exempt from quiet hours: they asked for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PersonTimerKind {
    /// The mask is on: tell me when to take it off.
    Mask,
}

/// A person-started timer: fires `minutes` after `started_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PersonTimer {
    /// What the timer is for.
    pub kind: PersonTimerKind,
    /// When the person started it.
    pub started_at: UtcDateTime,
    /// Its length in minutes.
    pub minutes: u32,
}

/// Which platform holds the notifications (each has its own cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// iOS keeps at most 64 pending notifications per app.
    Ios,
    /// Android: the shell's own cap, under the schedulers' per-app limits.
    Android,
}

impl Platform {
    /// The most notifications the device should hold at once.
    pub fn pending_cap(self) -> usize {
        let cap = match self {
            Self::Ios => TABLE.schedule.ios_pending_cap,
            Self::Android => TABLE.schedule.android_pending_cap,
        };
        usize::try_from(cap).unwrap_or(usize::MAX)
    }
}

/// Everything the schedule needs, as plain data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScheduleFacts {
    /// The person's settings.
    pub profile: ScheduleProfile,
    /// The roller in use; `None` before the person has one (no session plan).
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub roller: Option<ActiveRoller>,
    /// Every finished session (its end), in any order; the latest is "the last session".
    #[serde(default)]
    pub sessions: Vec<OffsetInstant>,
    /// A patch test still being watched: when it started.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub patch_test_started: Option<OffsetInstant>,
    /// Timers the person started that may still be running.
    #[serde(default)]
    pub timers: Vec<PersonTimer>,
    /// Now, as the device sees it.
    pub now: Moment,
    /// The platform that will hold the notifications.
    pub platform: Platform,
}

/// The facts, validated, with the derived values every part of the schedule uses.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    pub bedtime: NaiveTime,
    pub wake_time: NaiveTime,
    pub lead: Duration,
    pub quiet: QuietHours,
    pub band: Option<NeedleBand>,
    /// Days between planned sessions for a person-set rhythm.
    pub person_interval_days: u32,
    /// Session ends, sorted ascending, with their local date-times.
    pub sessions: Vec<(OffsetInstant, NaiveDateTime)>,
    pub now: Moment,
    pub now_local: NaiveDateTime,
}

impl Checked {
    /// The last finished session, if any.
    pub fn last_session(&self) -> Option<&(OffsetInstant, NaiveDateTime)> {
        self.sessions.last()
    }
}

/// Validates the facts, naming the offending field on error.
pub(crate) fn check(facts: &ScheduleFacts) -> Result<Checked, InputError> {
    let profile = &facts.profile;
    let bedtime = profile.bedtime.to_naive_for("profile.bedtime")?;
    let wake_time = profile.wake_time.to_naive_for("profile.wake_time")?;
    let lead_minutes = profile
        .lead_minutes
        .unwrap_or(TABLE.schedule.default_lead_minutes);
    if lead_minutes > TABLE.schedule.max_lead_minutes {
        return Err(InputError::new(
            "profile.lead_minutes",
            format!(
                "{lead_minutes} minutes is more than the {} allowed",
                TABLE.schedule.max_lead_minutes
            ),
        ));
    }
    let quiet = profile
        .quiet_hours
        .unwrap_or_else(QuietHours::default_hours);
    quiet.start.to_naive_for("profile.quiet_hours.start")?;
    quiet.end.to_naive_for("profile.quiet_hours.end")?;

    let band = match &facts.roller {
        Some(roller) => Some(TABLE.band_for(NeedleLength::from_mm_for(
            "roller.needle_mm",
            roller.needle_mm,
        )?)),
        None => None,
    };
    let min_days = band.map_or(0, |b| b.min_interval_days);
    let person_interval_days = match profile.interval_days {
        Some(days) if days == 0 || days > TABLE.schedule.person_set_max_interval_days => {
            return Err(InputError::new(
                "profile.interval_days",
                format!(
                    "{days} days is not an interval (expected 1 to {})",
                    TABLE.schedule.person_set_max_interval_days
                ),
            ))
        }
        Some(days) => days,
        None => TABLE.schedule.person_set_default_interval_days,
    }
    // Never shorter than the minimum for the needle. Monthly rhythms ignore it.
    .max(min_days);

    facts.now.validate()?;
    let now_local = facts.now.local()?;
    let mut sessions = Vec::with_capacity(facts.sessions.len());
    for session in &facts.sessions {
        time::offset(session.utc_offset_minutes)
            .map_err(|e| InputError::new("sessions.utc_offset_minutes", e.reason))?;
        sessions.push((*session, session.local()?));
    }
    sessions.sort_by_key(|(s, _)| s.at);
    if let Some(patch) = &facts.patch_test_started {
        time::offset(patch.utc_offset_minutes)
            .map_err(|e| InputError::new("patch_test_started.utc_offset_minutes", e.reason))?;
    }
    for timer in &facts.timers {
        if timer.minutes == 0 || timer.minutes > TABLE.schedule.max_person_timer_minutes {
            return Err(InputError::new(
                "timers.minutes",
                format!(
                    "{} minutes is not a timer length (expected 1 to {})",
                    timer.minutes, TABLE.schedule.max_person_timer_minutes
                ),
            ));
        }
    }
    Ok(Checked {
        bedtime,
        wake_time,
        lead: Duration::minutes(i64::from(lead_minutes)),
        quiet,
        band,
        person_interval_days,
        sessions,
        now: facts.now.clone(),
        now_local,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(hour: u32, minute: u32) -> TimeOfDay {
        TimeOfDay { hour, minute }
    }

    #[test]
    fn quiet_hours_wrap_past_midnight() {
        let quiet = QuietHours {
            start: t(23, 30),
            end: t(7, 0),
        };
        assert!(quiet.contains(t(23, 30)));
        assert!(quiet.contains(t(2, 0)));
        assert!(!quiet.contains(t(7, 0)));
        assert!(!quiet.contains(t(22, 0)));
        let day = QuietHours {
            start: t(13, 0),
            end: t(14, 0),
        };
        assert!(day.contains(t(13, 59)) && !day.contains(t(14, 0)));
        let none = QuietHours {
            start: t(1, 0),
            end: t(1, 0),
        };
        assert!(!none.contains(t(1, 0)));
    }

    #[test]
    fn impossible_times_name_the_field() {
        assert_eq!(
            t(24, 0)
                .to_naive_for("profile.bedtime")
                .map_err(|e| e.field),
            Err("profile.bedtime")
        );
        assert!(t(23, 59).to_naive_for("x").is_ok());
    }
}
