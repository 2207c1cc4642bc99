//! Quiet hours: where a reminder that would fall inside them goes instead.
//!
//! - An evening session reminder moves *earlier*, to `quiet_evening_margin_minutes`
//!   before the quiet hours begin on that night: the session is tonight, and a
//!   reminder the next morning would say the wrong thing. (If that margin is
//!   itself quiet, because the quiet hours span almost the whole day, it
//!   moves to their end like the others.)
//! - Every other reminder (morning check-in, "48 hours are over", roller,
//!   patch test) moves to the end of the quiet hours.
//! - Timers the person started (the mask window, the sting check, a mask
//!   timer) are exempt and never pass through here.

use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};

use super::facts::{QuietHours, TimeOfDay};
use crate::protocol::TABLE;

/// Which way a reminder in quiet hours moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moment {
    /// A session reminder: move before the quiet hours of that night.
    Evening,
    /// Anything else: move to the end of the quiet hours.
    Later,
}

fn time_of(at: NaiveDateTime) -> TimeOfDay {
    TimeOfDay {
        hour: at.hour(),
        minute: at.minute(),
    }
}

fn naive(time: TimeOfDay) -> NaiveTime {
    NaiveTime::from_hms_opt(time.hour, time.minute, 0).unwrap_or(NaiveTime::MIN)
}

/// Whether a local date-time is inside the quiet hours.
pub(crate) fn is_quiet(quiet: &QuietHours, at: NaiveDateTime) -> bool {
    quiet.contains(time_of(at))
}

/// Moves a local date-time out of the quiet hours (see the module docs);
/// `None` only at the end of the calendar.
pub(crate) fn adjust(
    quiet: &QuietHours,
    at: NaiveDateTime,
    moment: Moment,
) -> Option<NaiveDateTime> {
    if !is_quiet(quiet, at) {
        return Some(at);
    }
    let time = time_of(at);
    let wraps = quiet.start.minutes() > quiet.end.minutes();
    // Inside the quiet hours: the part before midnight is on the night's own
    // date; the part after midnight (of wrapping hours) is on the next date.
    let after_midnight = wraps && time.minutes() < quiet.end.minutes();
    let date = at.date();
    let day = Duration::days(1);
    match moment {
        Moment::Evening => {
            let night = if after_midnight {
                date.checked_sub_signed(day)?
            } else {
                date
            };
            let margin = Duration::minutes(i64::from(TABLE.schedule.quiet_evening_margin_minutes));
            let before = night
                .and_time(naive(quiet.start))
                .checked_sub_signed(margin)?;
            if is_quiet(quiet, before) {
                // Quiet hours so long that the margin lands in them too.
                adjust(quiet, at, Moment::Later)
            } else {
                Some(before)
            }
        }
        Moment::Later => {
            let end_date = if wraps && !after_midnight {
                date.checked_add_signed(day)?
            } else {
                date
            };
            Some(end_date.and_time(naive(quiet.end)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .unwrap()
    }

    fn quiet(start: (u32, u32), end: (u32, u32)) -> QuietHours {
        QuietHours {
            start: TimeOfDay::from_pair(start),
            end: TimeOfDay::from_pair(end),
        }
    }

    #[test]
    fn evening_reminders_move_before_the_quiet_night() {
        let q = quiet((22, 0), (7, 0));
        assert_eq!(
            adjust(&q, at(10, 22, 30), Moment::Evening),
            Some(at(10, 21, 45))
        );
        assert_eq!(
            adjust(&q, at(11, 0, 30), Moment::Evening),
            Some(at(10, 21, 45))
        );
        assert_eq!(
            adjust(&q, at(10, 21, 0), Moment::Evening),
            Some(at(10, 21, 0))
        );
    }

    #[test]
    fn other_reminders_move_to_the_end() {
        let q = quiet((22, 0), (7, 0));
        assert_eq!(adjust(&q, at(10, 23, 0), Moment::Later), Some(at(11, 7, 0)));
        assert_eq!(adjust(&q, at(11, 3, 0), Moment::Later), Some(at(11, 7, 0)));
        let day = quiet((13, 0), (14, 0));
        assert_eq!(
            adjust(&day, at(10, 13, 30), Moment::Later),
            Some(at(10, 14, 0))
        );
    }
}
