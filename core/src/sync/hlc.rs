//! The hybrid logical clock: physical milliseconds in the high bits and a
//! logical counter in the low 16 bits of one `u64`, so stamps compare as
//! integers. A stamp pairs the clock value with the device id (the tiebreak).
//! The clock never reads time: the caller's `now` arrives as an argument.

/// Bits of the logical counter.
pub const COUNTER_BITS: u32 = 16;
/// The greatest clock value a file may carry (fits SQLite's signed integers
/// with room to tick); a greater one makes a file malformed.
pub const MAX_HLC: u64 = (1 << 62) - 1;
/// A stamp whose physical part is more than this far ahead of the caller's
/// `now` is accepted with a warning in the import report.
pub const FAR_FUTURE_MS: i64 = 24 * 60 * 60 * 1000;

/// A field's stamp: the clock value and the device that wrote it. Ordered by
/// clock, then device id. Encoded as `[hlc, "device"]`. The device id is
/// shared, not copied, among the fields a stamp covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub u64, pub std::sync::Arc<str>);

impl Stamp {
    /// The clock value.
    pub fn hlc(&self) -> u64 {
        self.0
    }

    /// The device id.
    pub fn device(&self) -> &str {
        &self.1
    }
}

/// The clock value at the start of millisecond `ms` (negative times clamp to 0).
pub fn from_millis(ms: i64) -> u64 {
    (u64::try_from(ms).unwrap_or(0) << COUNTER_BITS).min(MAX_HLC)
}

/// The physical milliseconds of a clock value.
pub fn physical_ms(hlc: u64) -> i64 {
    i64::try_from(hlc >> COUNTER_BITS).unwrap_or(i64::MAX)
}

/// Whether a clock value lies more than [`FAR_FUTURE_MS`] after `now_ms`.
pub fn is_far_future(hlc: u64, now_ms: i64) -> bool {
    physical_ms(hlc) > now_ms.saturating_add(FAR_FUTURE_MS)
}

/// A device's clock: the last value it issued or received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clock {
    last: u64,
}

impl Clock {
    /// A clock that last saw `last`.
    pub fn new(last: u64) -> Self {
        Self {
            last: last.min(MAX_HLC),
        }
    }

    /// The last value issued or received.
    pub fn last(&self) -> u64 {
        self.last
    }

    /// A local event at `now_ms`: a value greater than every value this clock
    /// issued or received, and at least `now_ms`'s physical time.
    pub fn tick(&mut self, now_ms: i64) -> u64 {
        self.last = self.last.saturating_add(1).max(from_millis(now_ms));
        self.last
    }

    /// Takes in a value from another device: the clock advances past it.
    /// Never refuses a value, however old or far ahead.
    pub fn receive(&mut self, hlc: u64) {
        self.last = self.last.max(hlc.min(MAX_HLC));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_strictly_increasing_even_when_time_goes_back() {
        let mut clock = Clock::default();
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(500);
        assert!(a < b && b < c);
        assert_eq!(physical_ms(a), 1_000);
        let d = clock.tick(2_000);
        assert_eq!(d, from_millis(2_000));
    }

    #[test]
    fn receiving_advances_past_any_value_and_never_refuses() {
        let mut clock = Clock::new(from_millis(10_000));
        clock.receive(from_millis(5));
        assert_eq!(clock.last(), from_millis(10_000));
        let far = from_millis(10_000 + 40 * FAR_FUTURE_MS);
        clock.receive(far);
        assert!(clock.tick(10_000) > far);
        assert!(is_far_future(far, 10_000));
        assert!(!is_far_future(from_millis(10_000), 10_000));
        clock.receive(u64::MAX);
        assert_eq!(clock.last(), MAX_HLC);
    }
}
