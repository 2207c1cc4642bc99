//! Aftercare judgement: a check-in read against the protocol's normal course
//! (PROTOCOL.md section 5). Pure: no storage, no clock; every number comes
//! from [`TABLE`].

use serde::{Deserialize, Serialize};

use super::TABLE;

/// What the person reports, and how long after the session's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AftercareObservation {
    /// Whole minutes from the end of the session to the check-in.
    pub minutes_since_session: u32,
    /// Still stinging.
    pub stinging: bool,
    /// Still red.
    pub redness: bool,
    /// Dry skin.
    pub dryness: bool,
    /// Swollen.
    pub swelling: bool,
    /// The swelling is spreading.
    pub swelling_spreading: bool,
    /// Pus.
    pub pus: bool,
    /// Fever.
    pub fever: bool,
}

/// A sign that needs a professional, not more rolling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RedFlag {
    /// Still stinging after the sting check (30 minutes).
    StingingTooLong,
    /// Still red past the red-flag limit (3 days).
    RednessTooLong,
    /// Pus.
    Pus,
    /// Spreading swelling.
    SpreadingSwelling,
    /// Fever.
    Fever,
}

/// Something normal worth saying about the check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AftercareNote {
    /// Stinging within the first 30 minutes: normal, it should fade.
    StingingNormal,
    /// Redness within about a day: normal.
    RednessNormal,
    /// Redness past a day but within 3 days: can happen with deeper needles; keep watching.
    RednessLingering,
    /// Dry skin: normal; moisturise.
    DrynessNormal,
    /// Mild swelling that is not spreading: can last a few days.
    SwellingMild,
}

/// The overall reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AftercareVerdict {
    /// The normal course: here is what to expect next.
    Normal,
    /// A red flag: stop rolling and see a professional.
    RedFlag,
}

/// The judgement a shell shows after a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AftercareJudgement {
    /// Normal or red flag.
    pub verdict: AftercareVerdict,
    /// Every red flag found, in a fixed order.
    pub red_flags: Vec<RedFlag>,
    /// Normal signs worth a word.
    pub notes: Vec<AftercareNote>,
    /// What to do, in plain words.
    pub advice: String,
    /// Whether the next session is held back until the person confirms the
    /// red flag has cleared.
    pub hold_next_session: bool,
}

impl RedFlag {
    /// The flag in plain words.
    pub fn text(self) -> String {
        match self {
            Self::StingingTooLong => format!(
                "Stinging should be gone within {} minutes.",
                TABLE.sting_check_after_minutes
            ),
            Self::RednessTooLong => format!(
                "Redness should be gone within {} days.",
                TABLE.redness_red_flag_hours / 24
            ),
            Self::Pus => "Pus can mean an infection.".to_string(),
            Self::SpreadingSwelling => "Spreading swelling can mean an infection.".to_string(),
            Self::Fever => "A fever after needling can mean an infection.".to_string(),
        }
    }
}

/// Reads a check-in against the protocol's normal course.
pub fn judge(obs: &AftercareObservation) -> AftercareJudgement {
    let minutes = u64::from(obs.minutes_since_session);
    let sting_limit = u64::from(TABLE.sting_check_after_minutes);
    let redness_normal = u64::from(TABLE.redness_normal_hours) * 60;
    let redness_limit = u64::from(TABLE.redness_red_flag_hours) * 60;

    let mut flags = Vec::new();
    let mut notes = Vec::new();
    if obs.stinging {
        if minutes > sting_limit {
            flags.push(RedFlag::StingingTooLong);
        } else {
            notes.push(AftercareNote::StingingNormal);
        }
    }
    if obs.redness {
        if minutes > redness_limit {
            flags.push(RedFlag::RednessTooLong);
        } else if minutes > redness_normal {
            notes.push(AftercareNote::RednessLingering);
        } else {
            notes.push(AftercareNote::RednessNormal);
        }
    }
    if obs.pus {
        flags.push(RedFlag::Pus);
    }
    if obs.swelling_spreading {
        flags.push(RedFlag::SpreadingSwelling);
    } else if obs.swelling {
        notes.push(AftercareNote::SwellingMild);
    }
    if obs.fever {
        flags.push(RedFlag::Fever);
    }
    if obs.dryness {
        notes.push(AftercareNote::DrynessNormal);
    }

    if flags.is_empty() {
        AftercareJudgement {
            verdict: AftercareVerdict::Normal,
            advice: normal_advice(minutes),
            red_flags: flags,
            notes,
            hold_next_session: false,
        }
    } else {
        let why: Vec<String> = flags.iter().map(|f| f.text()).collect();
        AftercareJudgement {
            verdict: AftercareVerdict::RedFlag,
            advice: format!(
                "{} Stop rolling and see a dermatologist or doctor. Your next session is on hold until you confirm this has cleared.",
                why.join(" ")
            ),
            red_flags: flags,
            notes,
            hold_next_session: true,
        }
    }
}

fn normal_advice(minutes: u64) -> String {
    let window = u64::from(TABLE.aftercare_window_hours) * 60;
    let mut text = String::from("This is the normal course.");
    if minutes <= u64::from(TABLE.sting_check_after_minutes) {
        text.push_str(&format!(
            " Any stinging should fade within {} minutes.",
            TABLE.sting_check_after_minutes
        ));
    }
    if minutes <= u64::from(TABLE.redness_normal_hours) * 60 {
        text.push_str(" Redness can last up to a day; results can show from the next morning.");
    }
    if minutes < window {
        text.push_str(&format!(
            " For {} hours after the session: no makeup, no harsh products, no retinoids or acids; use sunscreen, drink plenty of water and eat properly.",
            TABLE.aftercare_window_hours
        ));
    }
    text.push_str(" Dry skin is normal: moisturise or use a sheet mask.");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calm(minutes: u32) -> AftercareObservation {
        AftercareObservation {
            minutes_since_session: minutes,
            stinging: false,
            redness: false,
            dryness: false,
            swelling: false,
            swelling_spreading: false,
            pus: false,
            fever: false,
        }
    }

    #[test]
    fn stinging_is_normal_up_to_the_check_and_a_flag_after() {
        let at_check = judge(&AftercareObservation {
            stinging: true,
            ..calm(30)
        });
        assert_eq!(at_check.verdict, AftercareVerdict::Normal);
        let after = judge(&AftercareObservation {
            stinging: true,
            ..calm(31)
        });
        assert_eq!(after.red_flags, vec![RedFlag::StingingTooLong]);
        assert!(after.hold_next_session);
    }

    #[test]
    fn redness_follows_the_table() {
        let day = judge(&AftercareObservation {
            redness: true,
            ..calm(20 * 60)
        });
        assert_eq!(day.notes, vec![AftercareNote::RednessNormal]);
        let two = judge(&AftercareObservation {
            redness: true,
            ..calm(48 * 60)
        });
        assert_eq!(two.notes, vec![AftercareNote::RednessLingering]);
        assert_eq!(two.verdict, AftercareVerdict::Normal);
        let four = judge(&AftercareObservation {
            redness: true,
            ..calm(96 * 60)
        });
        assert_eq!(four.red_flags, vec![RedFlag::RednessTooLong]);
    }

    #[test]
    fn infection_signs_always_flag() {
        let all = judge(&AftercareObservation {
            pus: true,
            swelling: true,
            swelling_spreading: true,
            fever: true,
            ..calm(5)
        });
        assert_eq!(
            all.red_flags,
            vec![RedFlag::Pus, RedFlag::SpreadingSwelling, RedFlag::Fever]
        );
        assert!(all.advice.contains("see a dermatologist"));
    }
}
