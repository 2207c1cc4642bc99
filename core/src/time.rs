//! Time as the core sees it: instants that arrive as arguments, the device's
//! UTC offset at that moment, and floating local dates and wall-clock times.
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

/// "Now" as a shell passes it in: the instant and the device's current UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DeviceNow {
    /// The current instant.
    pub at: UtcDateTime,
    /// The device's UTC offset at that instant, in minutes (e.g. 60 for CET, -300 for EST).
    pub utc_offset_minutes: i32,
}

impl DeviceNow {
    /// Validates the offset (field `utc_offset_minutes`).
    pub fn validate(&self) -> Result<(), InputError> {
        offset(self.utc_offset_minutes).map(|_| ())
    }

    /// The local wall-clock date-time at this instant.
    pub fn local(&self) -> Result<NaiveDateTime, InputError> {
        let offset = offset(self.utc_offset_minutes)?;
        // Checked: at the very edges of the date range the local time does
        // not exist, and that is bad input, not a panic.
        self.at
            .naive_utc()
            .checked_add_signed(Duration::seconds(i64::from(offset.local_minus_utc())))
            .ok_or_else(|| {
                InputError::new(
                    "instant",
                    "too close to the end of the supported date range",
                )
            })
    }

    /// The local calendar date at this instant.
    pub fn local_date(&self) -> Result<LocalDate, InputError> {
        Ok(LocalDate::from_naive(self.local()?.date()))
    }
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
/// session is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LocalDate {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1 – 12.
    pub month: u32,
    /// The day of the month, 1 – 31.
    pub day: u32,
}

impl LocalDate {
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

impl std::fmt::Display for LocalDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A wall-clock date and time with no zone (a "floating" local time): a
/// reminder at 21:30 local stays at 21:30 wherever the person is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LocalDateTime {
    /// The calendar date.
    pub date: LocalDate,
    /// The hour, 0 – 23.
    pub hour: u32,
    /// The minute, 0 – 59.
    pub minute: u32,
}

impl LocalDateTime {
    /// From chrono's naive date-time (seconds dropped).
    pub fn from_naive(value: NaiveDateTime) -> Self {
        Self {
            date: LocalDate::from_naive(value.date()),
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
        let now = DeviceNow {
            at: at(1_795_649_400),
            utc_offset_minutes: 60,
        };
        assert_eq!(
            now.local_date(),
            Ok(LocalDate {
                year: 2026,
                month: 11,
                day: 26
            })
        );
        let west = DeviceNow {
            utc_offset_minutes: -300,
            ..now
        };
        assert_eq!(
            west.local_date(),
            Ok(LocalDate {
                year: 2026,
                month: 11,
                day: 25
            })
        );
    }

    #[test]
    fn absurd_offsets_name_the_field() {
        let now = DeviceNow {
            at: at(0),
            utc_offset_minutes: 15 * 60,
        };
        assert_eq!(
            now.validate().map_err(|e| e.field),
            Err("utc_offset_minutes")
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        let feb30 = LocalDate {
            year: 2026,
            month: 2,
            day: 30,
        };
        assert_eq!(feb30.to_naive_for("due").map_err(|e| e.field), Err("due"));
        assert_eq!(
            LocalDate {
                year: 2028,
                month: 2,
                day: 28
            }
            .plus_days(1),
            Some(LocalDate {
                year: 2028,
                month: 2,
                day: 29
            })
        );
    }
}
