//! When sessions are due: the next due date from the last session and the
//! needle's interval rule, the evening reminder time, the year-ahead plan,
//! adherence, and the one gentle follow-up after a missed session.
//!
//! Rules (all numbers from `protocol::TABLE`):
//! - The last session's local date is its instant plus its own stored offset.
//! - Monthly rhythm: the same day of the month, `k` months after the last
//!   session, clamped to the month's end (31 January + 1 month = 28/29
//!   February; the anchor stays on the 31st for later months), never earlier
//!   than the minimum interval after the previous planned date.
//! - Person-set rhythm (short needles): every `interval_days`, never shorter
//!   than the minimum interval.
//! - The reminder is at bedtime minus the lead on the due date's evening; a
//!   bedtime before `night_ends_hour` is after midnight, on the next date.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

use super::facts::{Checked, OffsetInstant};
use super::quiet::{adjust, Moment};
use crate::error::InputError;
use crate::protocol::{NeedleBand, Rhythm, TABLE};
use crate::time::{CalendarDate, FloatingDateTime};

/// Where the next session stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DueStatus {
    /// Before the minimum interval: a session now would be too early.
    TooEarly,
    /// Allowed, but the planned date is still ahead.
    Upcoming,
    /// Due today.
    DueToday,
    /// The planned date has passed without a session.
    Overdue,
}

/// The next session: when it is due, when it is first allowed, where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NextDue {
    /// The local date of the last finished session, if any.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub last_session: Option<CalendarDate>,
    /// The first local date a session is allowed (the minimum interval).
    pub earliest_allowed: CalendarDate,
    /// The planned date.
    pub due: CalendarDate,
    /// The reminder on the planned date, as floating local time.
    pub reminder_at: FloatingDateTime,
    /// Where it stands today.
    pub status: DueStatus,
    /// Whole days past the planned date (0 unless overdue).
    pub days_overdue: u32,
}

/// One planned session of the year ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PlannedSession {
    /// The planned local date.
    pub date: CalendarDate,
    /// Its reminder, as floating local time.
    pub reminder_at: FloatingDateTime,
}

/// How well the recorded sessions kept to the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Adherence {
    /// Finished sessions recorded.
    pub sessions: u32,
    /// Gaps between consecutive sessions judged (sessions − 1).
    pub intervals: u32,
    /// Sessions on or after the planned date, within the grace days.
    pub on_time: u32,
    /// Sessions before the minimum interval.
    pub too_early: u32,
    /// Sessions allowed but before the planned date (early, not too early).
    pub early: u32,
    /// Sessions later than the planned date plus the grace days.
    pub late: u32,
    /// On-time share in whole percent; `None` before there are two sessions.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub on_time_percent: Option<u32>,
    /// Whole days the next session is overdue today.
    pub days_overdue: u32,
}

fn err_roller() -> InputError {
    InputError::new("roller", "a roller is needed to plan sessions")
}

fn band(checked: &Checked) -> Result<NeedleBand, InputError> {
    checked.band.ok_or_else(err_roller)
}

fn plus_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

/// The `k`-th planned date after a session on `last` (k ≥ 1), unclamped by
/// the minimum interval.
fn kth_anchor(checked: &Checked, band: NeedleBand, last: NaiveDate, k: u32) -> Option<NaiveDate> {
    match band.rhythm {
        Rhythm::Monthly => last.checked_add_months(Months::new(k)),
        Rhythm::PersonSet => plus_days(
            last,
            i64::from(k).checked_mul(i64::from(checked.person_interval_days))?,
        ),
    }
}

/// The planned date after a session on `last`: one step of the rhythm, never
/// earlier than the minimum interval.
pub(crate) fn due_after(checked: &Checked, band: NeedleBand, last: NaiveDate) -> Option<NaiveDate> {
    let step = kth_anchor(checked, band, last, 1)?;
    let earliest = plus_days(last, i64::from(band.min_interval_days))?;
    Some(step.max(earliest))
}

/// Planned dates after the last session, from the first still pending
/// (the one due next, possibly past) to the horizon after today.
pub(crate) fn anchors(checked: &Checked) -> Result<Vec<NaiveDate>, InputError> {
    let band = band(checked)?;
    let Some((_, last)) = checked.last_session() else {
        return Ok(Vec::new());
    };
    let last = last.date();
    let today = checked.now_local.date();
    let horizon = plus_days(today, i64::from(TABLE.schedule.plan_horizon_days))
        .ok_or_else(|| InputError::new("now", "too close to the end of the calendar"))?;
    let mut dates = Vec::new();
    let Some(first) = due_after(checked, band, last) else {
        return Ok(dates);
    };
    dates.push(first);
    // Skip ahead near today so that an old last session costs no long loop.
    let elapsed_days = (today - last).num_days().max(0);
    let k_start: u32 = match band.rhythm {
        Rhythm::Monthly => {
            let months =
                (today.year() - last.year()) * 12 + today.month() as i32 - last.month() as i32;
            u32::try_from(months - 1).unwrap_or(0).max(2)
        }
        Rhythm::PersonSet => {
            let per = i64::from(checked.person_interval_days.max(1));
            u32::try_from(elapsed_days / per - 1).unwrap_or(0).max(2)
        }
    };
    let mut k = k_start;
    while let Some(date) = kth_anchor(checked, band, last, k) {
        if date > horizon {
            break;
        }
        let previous = dates.last().copied().unwrap_or(first);
        let earliest = plus_days(previous, i64::from(band.min_interval_days)).unwrap_or(date);
        if date >= earliest && date > previous {
            dates.push(date);
        }
        k = k.saturating_add(1);
        if k == u32::MAX {
            break;
        }
    }
    Ok(dates)
}

/// The evening reminder for a planned date: bedtime minus the lead, moved
/// out of quiet hours by the evening rule.
pub(crate) fn evening_reminder(checked: &Checked, date: NaiveDate) -> Option<NaiveDateTime> {
    let night_date = if checked.bedtime.hour() < TABLE.schedule.night_ends_hour {
        plus_days(date, 1)?
    } else {
        date
    };
    let at = night_date
        .and_time(checked.bedtime)
        .checked_sub_signed(checked.lead)?;
    adjust(&checked.quiet, at, Moment::Evening)
}

/// The first session ever: today, or once a pending patch test is over.
fn first_session_date(
    checked: &Checked,
    patch: Option<&OffsetInstant>,
) -> Result<NaiveDate, InputError> {
    let today = checked.now_local.date();
    let ready = match patch {
        Some(patch) => {
            let wait = Duration::hours(i64::from(TABLE.patch_test_wait_hours));
            let over = patch.local()?.checked_add_signed(wait).ok_or_else(|| {
                InputError::new("patch_test_started", "too close to the end of the calendar")
            })?;
            over.date()
        }
        None => today,
    };
    Ok(ready.max(today))
}

/// The next session, or an error on `roller` when there is none.
pub(crate) fn next_due(
    checked: &Checked,
    patch: Option<&OffsetInstant>,
) -> Result<NextDue, InputError> {
    let band = band(checked)?;
    let today = checked.now_local.date();
    let overflow = || InputError::new("sessions", "too close to the end of the calendar");
    let (last, earliest, due) = match checked.last_session() {
        Some((_, last)) => {
            let last = last.date();
            let earliest =
                plus_days(last, i64::from(band.min_interval_days)).ok_or_else(overflow)?;
            let due = due_after(checked, band, last).ok_or_else(overflow)?;
            (Some(last), earliest, due)
        }
        None => {
            let first = first_session_date(checked, patch)?;
            (None, first, first)
        }
    };
    let reminder = evening_reminder(checked, due).ok_or_else(overflow)?;
    let status = if today < earliest {
        DueStatus::TooEarly
    } else if today < due {
        DueStatus::Upcoming
    } else if today == due {
        DueStatus::DueToday
    } else {
        DueStatus::Overdue
    };
    let days_overdue = if status == DueStatus::Overdue {
        u32::try_from((today - due).num_days()).unwrap_or(u32::MAX)
    } else {
        0
    };
    Ok(NextDue {
        last_session: last.map(CalendarDate::from_naive),
        earliest_allowed: CalendarDate::from_naive(earliest),
        due: CalendarDate::from_naive(due),
        reminder_at: FloatingDateTime::from_naive(reminder),
        status,
        days_overdue,
    })
}

/// The planned sessions from today to the horizon (a year ahead).
pub(crate) fn year_plan(
    checked: &Checked,
    patch: Option<&OffsetInstant>,
) -> Result<Vec<PlannedSession>, InputError> {
    let today = checked.now_local.date();
    let dates = if checked.last_session().is_some() {
        anchors(checked)?
    } else {
        // Before the first session: plan from the first possible date as if
        // a session were done then.
        let first = next_due(checked, patch)?.due.to_naive_for("now")?;
        let mut dates = vec![first];
        let band = band(checked)?;
        let horizon =
            plus_days(today, i64::from(TABLE.schedule.plan_horizon_days)).unwrap_or(first);
        let mut k = 1;
        while let Some(date) = kth_anchor(checked, band, first, k) {
            if date > horizon || k > TABLE.schedule.plan_horizon_days {
                break;
            }
            dates.push(date);
            k += 1;
        }
        dates
    };
    Ok(dates
        .into_iter()
        .filter(|date| *date >= today)
        .filter_map(|date| {
            evening_reminder(checked, date).map(|at| PlannedSession {
                date: CalendarDate::from_naive(date),
                reminder_at: FloatingDateTime::from_naive(at),
            })
        })
        .collect())
}

/// The one gentle follow-up for the session due next: its date, or `None`
/// when the next planned date comes first.
pub(crate) fn follow_up_date(anchors: &[NaiveDate]) -> Option<NaiveDate> {
    let first = *anchors.first()?;
    let date = plus_days(first, i64::from(TABLE.schedule.missed_follow_up_after_days))?;
    match anchors.get(1) {
        Some(next) if *next <= date => None,
        _ => Some(date),
    }
}

/// How the recorded sessions kept to the plan of the current roller's needle.
pub(crate) fn adherence(
    checked: &Checked,
    patch: Option<&OffsetInstant>,
) -> Result<Adherence, InputError> {
    let band = band(checked)?;
    let grace = i64::from(TABLE.schedule.adherence_grace_days);
    let (mut on_time, mut too_early, mut early, mut late) = (0u32, 0u32, 0u32, 0u32);
    for pair in checked.sessions.windows(2) {
        let (a, b) = (pair[0].1.date(), pair[1].1.date());
        let earliest = plus_days(a, i64::from(band.min_interval_days));
        let due = due_after(checked, band, a);
        match (earliest, due) {
            (Some(earliest), _) if b < earliest => too_early += 1,
            (_, Some(due)) if b < due => early += 1,
            (_, Some(due)) if (b - due).num_days() <= grace => on_time += 1,
            _ => late += 1,
        }
    }
    let sessions = u32::try_from(checked.sessions.len()).unwrap_or(u32::MAX);
    let intervals = sessions.saturating_sub(1);
    let on_time_percent = (intervals > 0)
        .then(|| u32::try_from(u64::from(on_time) * 100 / u64::from(intervals)).unwrap_or(100));
    Ok(Adherence {
        sessions,
        intervals,
        on_time,
        too_early,
        early,
        late,
        on_time_percent,
        days_overdue: next_due(checked, patch)?.days_overdue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_clamp_to_the_month_end() {
        assert_eq!(
            d(2027, 1, 31).checked_add_months(Months::new(1)),
            Some(d(2027, 2, 28))
        );
        assert_eq!(
            d(2028, 1, 31).checked_add_months(Months::new(1)),
            Some(d(2028, 2, 29))
        );
        assert_eq!(
            d(2028, 1, 31).checked_add_months(Months::new(2)),
            Some(d(2028, 3, 31))
        );
        assert_eq!(
            d(2026, 8, 31).checked_add_months(Months::new(1)),
            Some(d(2026, 9, 30))
        );
    }
}
