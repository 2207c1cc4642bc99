//! Time as the core sees it: moments that arrive as arguments (an instant,
//! the device's UTC offset and zone name), and floating calendar dates and
//! wall-clock date-times.
//! No time-zone database: an offset is all the core needs to know a local
//! date, and wall-clock reminders leave the core as floating local times that
//! the shell's calendar turns into triggers.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};

use crate::error::InputError;

/// An instant in UTC. Crosses the FFI as `java.time.Instant` / Swift `Date`.
pub type UtcDateTime = DateTime<Utc>;

/// The widest UTC offsets in use on Earth (UTC-12:00 to UTC+14:00), in minutes.
pub const UTC_OFFSET_RANGE_MINUTES: (i32, i32) = (-12 * 60, 14 * 60);

/// The longest IANA zone name accepted, in characters.
pub const ZONE_NAME_MAX_CHARS: usize = 255;

/// A moment as the device sees it: the instant (kept to the millisecond by
/// the journal), the device's UTC offset at that instant and its IANA zone
/// name, so local dates are known without a time-zone database. Every call
/// that needs "now" takes one: the one "now" type of the whole API.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Moment {
    /// The instant, in UTC.
    pub at: UtcDateTime,
    /// The device's UTC offset at that instant, in minutes (e.g. 60 for CET, -300 for EST).
    pub utc_offset_minutes: i32,
    /// The device's IANA zone name at that instant (e.g. `Europe/Berlin`).
    pub zone: String,
}

impl Moment {
    /// Validates the offset (field `utc_offset_minutes`) and the zone name
    /// (field `zone`).
    pub fn validate(&self) -> Result<(), InputError> {
        offset(self.utc_offset_minutes)?;
        zone("zone", &self.zone)
    }

    /// The local wall-clock date-time at this instant.
    pub fn local(&self) -> Result<NaiveDateTime, InputError> {
        local_date_time(self.at, self.utc_offset_minutes)
    }

    /// The local calendar date at this instant.
    pub fn local_date(&self) -> Result<CalendarDate, InputError> {
        Ok(CalendarDate::from_naive(self.local()?.date()))
    }

    /// The same place and zone at another instant (for a moment derived from
    /// this one, e.g. an event recorded at the last event's instant).
    pub fn with_instant(&self, at: UtcDateTime) -> Self {
        Self { at, ..self.clone() }
    }
}

/// An IANA zone name: non-empty, at most [`ZONE_NAME_MAX_CHARS`], letters,
/// digits and `/_+-`; an error on `field` otherwise.
pub fn zone(field: &'static str, value: &str) -> Result<(), InputError> {
    let ok = !value.is_empty()
        && value.len() <= ZONE_NAME_MAX_CHARS
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(InputError::new(
            field,
            format!("{value:?} is not an IANA time-zone name"),
        ))
    }
}

/// The local wall-clock date-time of an instant at a UTC offset.
pub fn local_date_time(
    at: UtcDateTime,
    utc_offset_minutes: i32,
) -> Result<NaiveDateTime, InputError> {
    let offset = offset(utc_offset_minutes)?;
    // Checked: at the very edges of the date range the local time does not
    // exist, and that is bad input, not a panic.
    at.naive_utc()
        .checked_add_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
        .ok_or_else(|| {
            InputError::new(
                "instant",
                "too close to the end of the supported date range",
            )
        })
}

/// A validated fixed offset, naming the field `utc_offset_minutes` on error.
pub fn offset(utc_offset_minutes: i32) -> Result<FixedOffset, InputError> {
    let (low, high) = UTC_OFFSET_RANGE_MINUTES;
    if !(low..=high).contains(&utc_offset_minutes) {
        return Err(InputError::new(
            "utc_offset_minutes",
            format!(
                "{utc_offset_minutes} is not a UTC offset in minutes (expected {low} to {high})"
            ),
        ));
    }
    FixedOffset::east_opt(utc_offset_minutes * 60)
        .ok_or_else(|| InputError::new("utc_offset_minutes", "not a valid offset"))
}

/// A calendar date with no zone (a "floating" date), e.g. the first day a
/// session is allowed. (Named so that it never clashes with java.time's
/// `LocalDate` in the Kotlin shell.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CalendarDate {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1 – 12.
    pub month: u32,
    /// The day of the month, 1 – 31.
    pub day: u32,
}

impl CalendarDate {
    /// From chrono's date.
    pub fn from_naive(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }

    /// To chrono's date; an impossible date is an error on `field`.
    pub fn to_naive_for(self, field: &'static str) -> Result<NaiveDate, InputError> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .ok_or_else(|| InputError::new(field, format!("{self} is not a calendar date")))
    }

    /// This date plus whole days; `None` past chrono's range.
    pub fn plus_days(self, days: i64) -> Option<Self> {
        let date = NaiveDate::from_ymd_opt(self.year, self.month, self.day)?;
        date.checked_add_signed(Duration::try_days(days)?)
            .map(Self::from_naive)
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A wall-clock date and time with no zone (a "floating" local time): a
/// reminder at 21:30 local stays at 21:30 wherever the person is. (Named so
/// that it never clashes with java.time's `LocalDateTime`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FloatingDateTime {
    /// The calendar date.
    pub date: CalendarDate,
    /// The hour, 0 – 23.
    pub hour: u32,
    /// The minute, 0 – 59.
    pub minute: u32,
}

impl FloatingDateTime {
    /// From chrono's naive date-time (seconds dropped).
    pub fn from_naive(value: NaiveDateTime) -> Self {
        Self {
            date: CalendarDate::from_naive(value.date()),
            hour: value.hour(),
            minute: value.minute(),
        }
    }

    /// To chrono's naive date-time; an impossible value is an error on `field`.
    pub fn to_naive_for(self, field: &'static str) -> Result<NaiveDateTime, InputError> {
        self.date
            .to_naive_for(field)?
            .and_hms_opt(self.hour, self.minute, 0)
            .ok_or_else(|| {
                InputError::new(
                    field,
                    format!("{}:{} is not a time of day", self.hour, self.minute),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> UtcDateTime {
        DateTime::from_timestamp(secs, 0).unwrap_or_default()
    }

    #[test]
    fn local_date_follows_the_offset() {
        // 2026-11-25T23:30:00Z
        let now = Moment {
            at: at(1_795_649_400),
            utc_offset_minutes: 60,
            zone: "Europe/Berlin".into(),
        };
        assert_eq!(
            now.local_date(),
            Ok(CalendarDate {
                year: 2026,
                month: 11,
                day: 26
            })
        );
        let west = Moment {
            utc_offset_minutes: -300,
            ..now.clone()
        };
        assert_eq!(
            west.local_date(),
            Ok(CalendarDate {
                year: 2026,
                month: 11,
                day: 25
            })
        );
    }

    #[test]
    fn absurd_offsets_name_the_field() {
        let now = Moment {
            at: at(0),
            utc_offset_minutes: 15 * 60,
            zone: "Etc/UTC".into(),
        };
        assert_eq!(
            now.validate().map_err(|e| e.field),
            Err("utc_offset_minutes")
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        let feb30 = CalendarDate {
            year: 2026,
            month: 2,
            day: 30,
        };
        assert_eq!(feb30.to_naive_for("due").map_err(|e| e.field), Err("due"));
        assert_eq!(
            CalendarDate {
                year: 2028,
                month: 2,
                day: 28
            }
            .plus_days(1),
            Some(CalendarDate {
                year: 2028,
                month: 2,
                day: 29
            })
        );
    }
}
