//! Input checks. Each names the offending field; a write validates all of
//! its input before it opens a transaction, so bad input writes nothing.

use chrono::{DateTime, Duration};

use super::records::{
    CheckInInput, Moment, NewRoller, PhotoInput, ProfileInput, ScarInput, SessionRecord,
};
use crate::error::InputError;
use crate::protocol::{NeedleLength, TABLE};
use crate::time::{offset, UtcDateTime};

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 4000;
/// The top of every 0 – 10 scale (discomfort, scar visibility).
pub const SCALE_MAX: u32 = 10;
/// How far past the caller's "now" a time may lie (clock skew between the
/// moment a screen was filled in and the call), in minutes.
pub const FUTURE_TOLERANCE_MINUTES: i64 = 5;
/// The earliest instant the journal accepts (2000-01-01T00:00:00Z, in seconds):
/// anything before is an unset or broken clock.
pub const EARLIEST_SECONDS: i64 = 946_684_800;
/// The longest zone name, file name or content hash, in characters.
pub const NAME_MAX_CHARS: usize = 255;
/// The largest guided-session event or state, in bytes of JSON.
pub const SESSION_JSON_MAX_BYTES: usize = 256 * 1024;

/// A record id: 32 lowercase hex digits in 8-4-4-4-12 groups.
pub fn id(field: &'static str, value: &str) -> Result<(), InputError> {
    let ok = value.len() == 36
        && value.bytes().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        });
    if ok {
        Ok(())
    } else {
        Err(InputError::new(
            field,
            format!("{value:?} is not a record id (32 lowercase hex digits, hyphenated)"),
        ))
    }
}

/// A free-text note within [`NOTE_MAX_CHARS`].
pub fn note(field: &'static str, value: &str) -> Result<(), InputError> {
    let chars = value.chars().count();
    if chars > NOTE_MAX_CHARS {
        return Err(InputError::new(
            field,
            format!("{chars} characters is over the limit of {NOTE_MAX_CHARS}"),
        ));
    }
    Ok(())
}

/// A value on a 0 – 10 scale.
pub fn scale(field: &'static str, value: u32) -> Result<(), InputError> {
    if value > SCALE_MAX {
        return Err(InputError::new(
            field,
            format!("{value} is out of range (0 to {SCALE_MAX})"),
        ));
    }
    Ok(())
}

pub use crate::time::zone;

/// The caller's "now": a valid offset and zone.
pub fn now(value: &Moment) -> Result<(), InputError> {
    offset(value.utc_offset_minutes)?;
    zone("now.zone", &value.zone)?;
    instant_in_range("now", &value.at, None)
}

/// An install's device id: 1 – 64 printable ASCII characters, and not the
/// name reserved for the implicit stamp of session events.
pub fn device_id(value: &str) -> Result<&str, InputError> {
    let ok = (1..=64).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_graphic());
    if !ok {
        return Err(InputError::new(
            "device_id",
            "must be 1 to 64 printable ASCII characters",
        ));
    }
    if value == super::sync::rows::EVENT_DEVICE {
        return Err(InputError::new("device_id", "is reserved"));
    }
    Ok(value)
}

/// A moment that must not lie in the far future of `now`.
pub fn moment(field: &'static str, value: &Moment, now: &Moment) -> Result<(), InputError> {
    offset(value.utc_offset_minutes)
        .map_err(|e| InputError::new(field, format!("utc_offset_minutes: {}", e.reason)))?;
    zone(field, &value.zone)?;
    instant_in_range(field, &value.at, Some(&now.at))
}

fn instant_in_range(
    field: &'static str,
    at: &UtcDateTime,
    now: Option<&UtcDateTime>,
) -> Result<(), InputError> {
    let earliest = DateTime::from_timestamp(EARLIEST_SECONDS, 0).unwrap_or_default();
    if *at < earliest {
        return Err(InputError::new(
            field,
            format!("{at} is before 2000: the device clock looks unset"),
        ));
    }
    if let Some(now) = now {
        let latest = now
            .checked_add_signed(Duration::minutes(FUTURE_TOLERANCE_MINUTES))
            .unwrap_or(*now);
        if *at > latest {
            return Err(InputError::new(
                field,
                format!("{at} is in the future (now is {now})"),
            ));
        }
    }
    Ok(())
}

/// A guided-session JSON text: valid JSON within the size limit.
pub fn session_json(field: &'static str, value: &str) -> Result<(), InputError> {
    if value.len() > SESSION_JSON_MAX_BYTES {
        return Err(InputError::new(
            field,
            format!(
                "{} bytes is over the limit of {SESSION_JSON_MAX_BYTES}",
                value.len()
            ),
        ));
    }
    serde_json::from_str::<serde::de::IgnoredAny>(value)
        .map(|_| ())
        .map_err(|e| InputError::new(field, format!("not JSON: {e}")))
}

/// The profile: a bedtime that is a time of day, a zone that is an IANA name.
pub fn profile(input: &ProfileInput) -> Result<(), InputError> {
    if let Some(bedtime) = input.bedtime {
        bedtime.to_naive_for("bedtime")?;
    }
    match &input.time_zone {
        Some(name) => zone("time_zone", name),
        None => Ok(()),
    }
}

/// A new roller; returns its validated needle length.
pub fn roller(input: &NewRoller, now: &Moment) -> Result<NeedleLength, InputError> {
    let needle = NeedleLength::from_mm(input.needle_mm)?;
    moment("first_use", &input.first_use, now)?;
    Ok(needle)
}

/// A finished session.
pub fn session(record: &SessionRecord, now: &Moment) -> Result<(), InputError> {
    id("id", &record.id)?;
    id("roller_id", &record.roller_id)?;
    moment("started", &record.started, now)?;
    moment("ended", &record.ended, now)?;
    if record.ended.at < record.started.at {
        return Err(InputError::new("ended", "is before the session started"));
    }
    let mut seen = Vec::with_capacity(record.areas.len());
    for area in &record.areas {
        if seen.contains(&area.area) {
            return Err(InputError::new(
                "areas",
                format!("{} is listed twice", area.area.name()),
            ));
        }
        seen.push(area.area);
        for (field, passes) in [
            ("vertical_passes", area.vertical_passes),
            ("horizontal_passes", area.horizontal_passes),
        ] {
            if passes > TABLE.passes_max {
                return Err(InputError::new(
                    field,
                    format!("{passes} is more than the {} allowed", TABLE.passes_max),
                ));
            }
        }
    }
    if let Some(discomfort) = record.discomfort {
        scale("discomfort", discomfort)?;
    }
    note("notes", &record.notes)
}

/// A check-in.
pub fn check_in(input: &CheckInInput, now: &Moment) -> Result<(), InputError> {
    id("session_id", &input.session_id)?;
    moment("at", &input.at, now)?;
    note("notes", &input.notes)
}

/// The longest name of a scar, in characters.
pub const SCAR_NAME_MAX_CHARS: usize = 80;

/// A scar's name: at most [`SCAR_NAME_MAX_CHARS`], on one line.
pub fn scar_name(name: &str) -> Result<(), InputError> {
    let chars = name.chars().count();
    if chars > SCAR_NAME_MAX_CHARS || name.contains(['\n', '\r']) {
        return Err(InputError::new(
            "name",
            format!("must be one line of at most {SCAR_NAME_MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// A new scar.
pub fn scar(input: &ScarInput) -> Result<(), InputError> {
    scar_name(&input.name)?;
    scale("baseline", input.baseline)?;
    note("notes", &input.notes)
}

/// Checks that `name` is a plain file name (no folder, no way out of the
/// photo folder).
pub fn file_name(field: &'static str, name: &str) -> Result<(), InputError> {
    if name.is_empty()
        || name.len() > NAME_MAX_CHARS
        || name.contains(['/', '\\', '\0'])
        || name == "."
        || name == ".."
    {
        return Err(InputError::new(
            field,
            format!("{name:?} is not a plain file name inside app storage"),
        ));
    }
    Ok(())
}

/// A photo reference.
pub fn photo(input: &PhotoInput, now: &Moment) -> Result<(), InputError> {
    file_name("file_name", &input.file_name)?;
    moment("taken", &input.taken, now)?;
    let hash = &input.content_hash;
    if !(16..=128).contains(&hash.len()) || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(InputError::new(
            "content_hash",
            "must be 16 to 128 hex digits",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Moment {
        Moment {
            at: DateTime::from_timestamp(secs, 0).unwrap(),
            utc_offset_minutes: 60,
            zone: "Europe/Berlin".into(),
        }
    }

    #[test]
    fn ids_must_be_hyphenated_hex() {
        assert!(id("id", "0123abcd-0000-4000-8000-00000000beef").is_ok());
        for bad in [
            "",
            "x",
            "0123ABCD-0000-4000-8000-00000000beef",
            "0123abcd00004000800000000000beef",
        ] {
            assert_eq!(id("roller_id", bad).map_err(|e| e.field), Err("roller_id"));
        }
    }

    #[test]
    fn far_future_and_unset_clocks_are_refused() {
        let now = at(1_795_649_400);
        assert!(moment("at", &at(1_795_649_400 + 60), &now).is_ok());
        assert_eq!(
            moment("at", &at(1_795_649_400 + 86_400), &now).map_err(|e| e.field),
            Err("at")
        );
        assert_eq!(moment("at", &at(0), &now).map_err(|e| e.field), Err("at"));
        let mut bad_zone = at(1_795_649_400);
        bad_zone.zone = String::new();
        assert_eq!(
            moment("taken", &bad_zone, &now).map_err(|e| e.field),
            Err("taken")
        );
    }

    #[test]
    fn notes_and_scales_have_limits() {
        assert!(note("notes", &"é".repeat(NOTE_MAX_CHARS)).is_ok());
        assert_eq!(
            note("notes", &"a".repeat(NOTE_MAX_CHARS + 1)).map_err(|e| e.field),
            Err("notes")
        );
        assert!(scale("rating", 10).is_ok());
        assert_eq!(scale("rating", 11).map_err(|e| e.field), Err("rating"));
    }
}
