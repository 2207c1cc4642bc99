//! The shell's clock. Unlike the core, the terminal shell reads the system
//! clock, the local UTC offset and the zone name, and hands them to the core
//! as a [`Moment`].

use chrono::{DateTime, Local, Offset, Utc};
use dermaroll_core::journal::Moment;

/// The zone name used when the system does not say (a valid IANA name).
const FALLBACK_ZONE: &str = "Etc/UTC";

/// Now, with the local UTC offset and the system's IANA zone name.
pub fn now() -> Moment {
    moment_at(Utc::now())
}

/// `at`, with the local UTC offset at that instant and the system's zone name.
pub fn moment_at(at: DateTime<Utc>) -> Moment {
    let offset_seconds = at.with_timezone(&Local).offset().fix().local_minus_utc();
    Moment {
        at,
        utc_offset_minutes: offset_seconds / 60,
        zone: zone_name(),
    }
}

/// The system's IANA zone name, or `Etc/UTC` when it cannot be read or is
/// not a plain IANA name.
pub fn zone_name() -> String {
    match iana_time_zone::get_timezone() {
        Ok(name)
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c)) =>
        {
            name
        }
        _ => FALLBACK_ZONE.to_string(),
    }
}

/// An instant shown in the local zone, to the minute.
pub fn local_text(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A moment shown in its own offset, to the minute.
pub fn moment_text(moment: &Moment) -> String {
    match chrono::FixedOffset::east_opt(moment.utc_offset_minutes * 60) {
        Some(offset) => moment
            .at
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => moment.at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}
