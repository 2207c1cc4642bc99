//! Types that cross the boundary as native platform types: `UtcDateTime`
//! becomes `java.time.Instant` in Kotlin and `Date` in Swift (via
//! `SystemTime`), so shells never format or parse time strings.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::DateTime;

pub use crate::time::UtcDateTime;

uniffi::custom_type!(UtcDateTime, SystemTime, {
    remote,
    lower: |instant| utc_to_system_time(&instant),
    try_lift: |time| Ok(system_time_to_utc(time)?),
});

/// Converts an instant to `SystemTime`; every `DateTime<Utc>` fits.
fn utc_to_system_time(instant: &UtcDateTime) -> SystemTime {
    let nanos = u64::from(instant.timestamp_subsec_nanos());
    let seconds = instant.timestamp();
    let magnitude = Duration::from_secs(seconds.unsigned_abs());
    if seconds >= 0 {
        UNIX_EPOCH + magnitude + Duration::from_nanos(nanos)
    } else {
        UNIX_EPOCH - magnitude + Duration::from_nanos(nanos)
    }
}

/// Converts a shell's `SystemTime` to an instant, refusing (not panicking on)
/// times outside chrono's range.
fn system_time_to_utc(time: SystemTime) -> Result<UtcDateTime, crate::error::InputError> {
    let (seconds, nanos) = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (i64::try_from(after.as_secs()).ok(), after.subsec_nanos()),
        Err(before) => {
            let before = before.duration();
            // Express as whole seconds before the epoch plus a forward nanosecond part.
            let secs = i64::try_from(before.as_secs()).ok().map(|s| -s);
            match before.subsec_nanos() {
                0 => (secs, 0),
                n => (secs.map(|s| s - 1), 1_000_000_000 - n),
            }
        }
    };
    seconds
        .and_then(|s| DateTime::from_timestamp(s, nanos))
        .ok_or_else(|| crate::error::InputError::new("instant", "outside the supported date range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_round_trip_through_system_time() {
        for (secs, nanos) in [
            (0, 0),
            (1_764_000_000, 123_456_789),
            (-86_400, 5),
            (-1, 999_999_999),
        ] {
            let instant = DateTime::from_timestamp(secs, nanos);
            let back = instant.map(|i| system_time_to_utc(utc_to_system_time(&i)));
            assert_eq!(back, instant.map(Ok), "{secs}.{nanos}");
        }
    }

    #[test]
    fn out_of_range_times_are_errors_not_panics() {
        let far = UNIX_EPOCH + Duration::from_secs(u64::MAX / 4);
        assert_eq!(system_time_to_utc(far).map_err(|e| e.field), Err("instant"));
    }
}
