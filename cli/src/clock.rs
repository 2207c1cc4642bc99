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

/// An instant as the person reads it: the terminal's local date and time,
/// to the minute, with the zone's abbreviation (`2026-12-01 22:49 CET`).
/// Every command shows times this one way.
pub fn local_text(at: DateTime<Utc>) -> String {
    match zone_name().parse::<chrono_tz::Tz>() {
        Ok(zone) => at
            .with_timezone(&zone)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string(),
        Err(_) => at
            .with_timezone(&Local)
            .format("%Y-%m-%d %H:%M UTC%:z")
            .to_string(),
    }
}

/// A recorded moment as the person reads it (see [`local_text`]).
pub fn moment_text(moment: &Moment) -> String {
    local_text(moment.at)
}

/// A floating wall-clock time (a reminder at 21:30 wherever the phone is),
/// shown as such: `2026-12-01 21:30 (local time)`.
pub fn floating_text(at: &dermaroll_core::time::FloatingDateTime) -> String {
    format!("{} {:02}:{:02} (local time)", at.date, at.hour, at.minute)
}

/// `name` if it is a time zone the terminal knows (an IANA name such as
/// `Europe/Berlin`), else an error saying so.
pub fn known_zone(name: &str) -> anyhow::Result<String> {
    name.parse::<chrono_tz::Tz>()
        .map(|zone| zone.name().to_string())
        .map_err(|_| {
            anyhow::anyhow!(
                "{name:?} is not a time zone name (use an IANA name such as Europe/Berlin)"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_zone_names_are_accepted() {
        assert_eq!(
            known_zone("Europe/Berlin").ok().as_deref(),
            Some("Europe/Berlin")
        );
        assert!(known_zone("Mars/Olympus_Mons").is_err());
        assert!(known_zone("").is_err());
    }
}
