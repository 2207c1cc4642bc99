//! Readiness: may tonight's session go ahead? A pure judgement over plain
//! facts (the roller, the last session, the roller's uses, the patch test and
//! the contraindication answers). The journal fills [`ReadinessFacts`]; this
//! module never looks anything up.

use serde::{Deserialize, Serialize};

use super::{
    check_roller, Contraindication, ContraindicationAction, Experience, NeedleLength, RollerInput,
    RollerReason, SkinSensitivity, TABLE,
};
use crate::error::InputError;
use crate::time::{offset, CalendarDate, Moment, UtcDateTime};

/// One answered contraindication question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ContraindicationAnswer {
    /// Which question.
    pub id: Contraindication,
    /// The person's answer: `true` is "yes".
    pub yes: bool,
}

/// Everything readiness needs to know, as plain data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReadinessFacts {
    /// Needle length of tonight's roller, in millimetres.
    pub needle_mm: f64,
    /// How easily the skin reacts.
    pub sensitivity: SkinSensitivity,
    /// Whether the person has rolled before.
    pub experience: Experience,
    /// When the last session ended; `None` if there was none.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub last_session_end: Option<UtcDateTime>,
    /// The device's UTC offset when the last session ended, in minutes;
    /// `None` means "same as now".
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub last_session_utc_offset_minutes: Option<i32>,
    /// Sessions already done with this roller.
    pub roller_uses: u32,
    /// Whether a patch test was done for this needle length.
    pub patch_test_done: bool,
    /// The answers to every contraindication question, each exactly once.
    pub contraindications: Vec<ContraindicationAnswer>,
    /// The current instant and UTC offset.
    pub now: Moment,
    /// A check-in raised a red flag that the person has not yet confirmed as
    /// cleared: the next session is held back until they do.
    #[serde(default)]
    #[cfg_attr(feature = "ffi", uniffi(default = false))]
    pub red_flag_hold: bool,
}

/// The overall readiness outcome, from best to worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReadinessVerdict {
    /// Go ahead.
    Ready,
    /// Go ahead, after reading the advice.
    ReadyWithAdvice,
    /// Not yet: the minimum interval since the last session has not passed.
    TooEarly,
    /// Not tonight: something (a contraindication) must pass first.
    Postponed,
    /// Not with this roller at home.
    Refused,
    /// Do not roll at home; see a professional first.
    SeeProfessional,
}

/// What a reason is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ReadinessCode {
    /// The roller check refused this roller (see `roller_reason`).
    RollerRefused,
    /// The roller check allows it with a caution (see `roller_reason`).
    RollerCaution,
    /// A "yes" that needs a professional first (see `contraindication`).
    ContraindicationSeeProfessional,
    /// A "yes" that postpones tonight (see `contraindication`).
    ContraindicationPostpone,
    /// The minimum interval since the last session has not passed.
    TooEarly,
    /// The roller has reached its replacement threshold.
    ReplaceRoller,
    /// No patch test yet for this needle length.
    PatchTest,
    /// A red flag after an earlier session has not been confirmed as cleared.
    RedFlagHold,
}

/// One reason behind a readiness verdict, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReadinessReason {
    /// What the reason is about.
    pub code: ReadinessCode,
    /// The roller reason, for `RollerRefused` and `RollerCaution`.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub roller_reason: Option<RollerReason>,
    /// The question answered "yes", for the contraindication codes.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub contraindication: Option<Contraindication>,
    /// The reason in plain words.
    pub text: String,
}

/// The readiness verdict with its reasons, most serious first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReadinessCheck {
    /// The overall outcome (the most serious reason decides it).
    pub verdict: ReadinessVerdict,
    /// The first local date a session is allowed, when the verdict is (or
    /// would also be) too early.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub earliest: Option<CalendarDate>,
    /// Every reason, most serious first.
    pub reasons: Vec<ReadinessReason>,
}

/// Judges whether a session may start now.
///
/// Errors name the field: `needle_mm`, `utc_offset_minutes`,
/// `last_session_utc_offset_minutes`, `contraindications` (every question must
/// be answered exactly once: an unanswered question never counts as "no").
pub fn check_readiness(facts: &ReadinessFacts) -> Result<ReadinessCheck, InputError> {
    let roller = check_roller(RollerInput {
        needle_mm: facts.needle_mm,
        sensitivity: facts.sensitivity,
        experience: facts.experience,
    })?;
    let needle = NeedleLength::from_mm(facts.needle_mm)?;
    facts.now.validate()?;
    let answers = validated_answers(&facts.contraindications)?;

    // (verdict this reason forces, reason)
    let mut found: Vec<(ReadinessVerdict, ReadinessReason)> = Vec::new();
    for reason in &roller.reasons {
        let (verdict, code) = match reason.reason {
            RollerReason::ProfessionalOnly => (
                ReadinessVerdict::SeeProfessional,
                ReadinessCode::RollerRefused,
            ),
            RollerReason::AboveHomeLimit | RollerReason::NeedsExperienceAndResilientSkin => {
                (ReadinessVerdict::Refused, ReadinessCode::RollerRefused)
            }
            RollerReason::DeeperNeedleCaution | RollerReason::SensitiveSkinShortEnd => (
                ReadinessVerdict::ReadyWithAdvice,
                ReadinessCode::RollerCaution,
            ),
        };
        found.push((
            verdict,
            ReadinessReason {
                code,
                roller_reason: Some(reason.reason),
                contraindication: None,
                text: reason.text.clone(),
            },
        ));
    }

    for rule in TABLE.contraindications {
        if !answers.contains(&rule.id) {
            continue;
        }
        let (verdict, code) = match rule.action {
            ContraindicationAction::SeeProfessional => (
                ReadinessVerdict::SeeProfessional,
                ReadinessCode::ContraindicationSeeProfessional,
            ),
            ContraindicationAction::Postpone => (
                ReadinessVerdict::Postponed,
                ReadinessCode::ContraindicationPostpone,
            ),
        };
        found.push((
            verdict,
            ReadinessReason {
                code,
                roller_reason: None,
                contraindication: Some(rule.id),
                text: rule.reason.to_string(),
            },
        ));
    }

    if facts.red_flag_hold {
        found.push((
            ReadinessVerdict::Postponed,
            ReadinessReason {
                code: ReadinessCode::RedFlagHold,
                roller_reason: None,
                contraindication: None,
                text: "Your last check-in showed a warning sign. Do not roll again until a professional has seen it and you have confirmed in the journal that it has cleared.".to_string(),
            },
        ));
    }

    let earliest = earliest_date(facts, needle)?;
    if let Some(earliest) = earliest {
        let min_days = TABLE.band_for(needle).min_interval_days;
        found.push((
            ReadinessVerdict::TooEarly,
            ReadinessReason {
                code: ReadinessCode::TooEarly,
                roller_reason: None,
                contraindication: None,
                text: format!(
                    "Too early: with a {} mm roller the skin needs at least {min_days} days to recover between sessions. The earliest next session is on {earliest}.",
                    needle.mm()
                ),
            },
        ));
    }

    if facts.roller_uses >= TABLE.roller_replace_after_uses {
        found.push((
            ReadinessVerdict::ReadyWithAdvice,
            ReadinessReason {
                code: ReadinessCode::ReplaceRoller,
                roller_reason: None,
                contraindication: None,
                text: format!(
                    "This roller has been used {} times. Replace it after about {} uses, or sooner if it drags or the needles look bent.",
                    facts.roller_uses, TABLE.roller_replace_after_uses
                ),
            },
        ));
    }

    if !facts.patch_test_done {
        let who = match facts.experience {
            Experience::FirstTimer => "As this is your first time",
            Experience::Experienced => "As this is a new needle length for you",
        };
        found.push((
            ReadinessVerdict::ReadyWithAdvice,
            ReadinessReason {
                code: ReadinessCode::PatchTest,
                roller_reason: None,
                contraindication: None,
                text: format!(
                    "{who}, do a patch test first: roll a small patch on the inside of your forearm and watch it for about {} hours before rolling your face.",
                    TABLE.patch_test_wait_hours
                ),
            },
        ));
    }

    // Most serious first; the order within one verdict is kept (stable sort).
    found.sort_by_key(|entry| std::cmp::Reverse(entry.0));
    let verdict = found
        .first()
        .map(|(verdict, _)| *verdict)
        .unwrap_or(ReadinessVerdict::Ready);
    Ok(ReadinessCheck {
        verdict,
        earliest,
        reasons: found.into_iter().map(|(_, reason)| reason).collect(),
    })
}

/// Every question answered exactly once; returns the ones answered "yes".
fn validated_answers(
    answers: &[ContraindicationAnswer],
) -> Result<Vec<Contraindication>, InputError> {
    for (index, answer) in answers.iter().enumerate() {
        if answers[..index].iter().any(|a| a.id == answer.id) {
            return Err(InputError::new(
                "contraindications",
                format!("{:?} is answered more than once", answer.id),
            ));
        }
    }
    let missing: Vec<String> = TABLE
        .contraindications
        .iter()
        .filter(|rule| !answers.iter().any(|a| a.id == rule.id))
        .map(|rule| format!("{:?}", rule.id))
        .collect();
    if !missing.is_empty() {
        return Err(InputError::new(
            "contraindications",
            format!(
                "every question must be answered; unanswered: {}",
                missing.join(", ")
            ),
        ));
    }
    Ok(answers.iter().filter(|a| a.yes).map(|a| a.id).collect())
}

/// The first allowed local date when today is before it; `None` when the
/// interval has passed or there was no last session.
///
/// Computed on local dates without a time-zone database: the last session's
/// local date (from its own offset) plus the band's minimum days, against
/// today's local date (from the current offset).
fn earliest_date(
    facts: &ReadinessFacts,
    needle: NeedleLength,
) -> Result<Option<CalendarDate>, InputError> {
    let Some(last_end) = facts.last_session_end else {
        return Ok(None);
    };
    let last_offset = match facts.last_session_utc_offset_minutes {
        Some(minutes) => offset(minutes).map_err(|e| InputError {
            field: "last_session_utc_offset_minutes",
            ..e
        })?,
        None => offset(facts.now.utc_offset_minutes)?,
    };
    let last_local = CalendarDate::from_naive(last_end.with_timezone(&last_offset).date_naive());
    let min_days = TABLE.band_for(needle).min_interval_days;
    let earliest = last_local
        .plus_days(i64::from(min_days))
        .ok_or_else(|| InputError::new("last_session_end", "outside the supported date range"))?;
    let today = facts.now.local_date()?;
    Ok((today < earliest).then_some(earliest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn at(text: &str) -> UtcDateTime {
        match text.parse() {
            Ok(instant) => instant,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn facts() -> ReadinessFacts {
        ReadinessFacts {
            needle_mm: 0.5,
            sensitivity: SkinSensitivity::Normal,
            experience: Experience::Experienced,
            last_session_end: None,
            last_session_utc_offset_minutes: None,
            roller_uses: 2,
            patch_test_done: true,
            contraindications: crate::protocol::readiness::testing::all_no(),
            now: Moment {
                at: at("2026-11-25T21:00:00Z"),
                utc_offset_minutes: 60,
                zone: "Europe/Berlin".into(),
            },
            red_flag_hold: false,
        }
    }

    fn check(facts: &ReadinessFacts) -> ReadinessCheck {
        match check_readiness(facts) {
            Ok(check) => check,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn a_first_session_with_a_patch_test_is_ready() {
        let c = check(&facts());
        assert_eq!(c.verdict, ReadinessVerdict::Ready);
        assert!(c.reasons.is_empty());
    }

    #[test]
    fn twelve_days_after_a_half_millimetre_session_is_too_early() {
        let mut f = facts();
        f.last_session_end = Some(at("2026-11-13T21:30:00Z"));
        f.last_session_utc_offset_minutes = Some(60);
        let c = check(&f);
        assert_eq!(c.verdict, ReadinessVerdict::TooEarly);
        let expected = CalendarDate {
            year: 2026,
            month: 12,
            day: 11,
        };
        assert_eq!(c.earliest, Some(expected));
        assert!(c.reasons[0].text.contains("2026-12-11"));
    }

    #[test]
    fn the_last_sessions_own_offset_decides_its_local_date() {
        let mut f = facts();
        // 23:30 UTC is already the next day at UTC+1.
        f.last_session_end = Some(at("2026-11-01T23:30:00Z"));
        f.last_session_utc_offset_minutes = Some(60);
        f.now.at = at("2026-11-29T12:00:00Z");
        assert_eq!(check(&f).verdict, ReadinessVerdict::TooEarly);
        f.last_session_utc_offset_minutes = Some(0);
        assert_eq!(check(&f).verdict, ReadinessVerdict::Ready);
    }

    #[test]
    fn a_yes_never_silently_continues() {
        for rule in TABLE.contraindications {
            let mut f = facts();
            for answer in &mut f.contraindications {
                answer.yes = answer.id == rule.id;
            }
            let c = check(&f);
            assert!(
                c.verdict >= ReadinessVerdict::Postponed,
                "{:?}: {:?}",
                rule.id,
                c.verdict
            );
            assert_eq!(c.reasons[0].contraindication, Some(rule.id));
        }
    }

    #[test]
    fn unanswered_or_repeated_questions_are_input_errors() {
        let mut f = facts();
        f.contraindications.pop();
        assert_eq!(
            check_readiness(&f).map_err(|e| e.field),
            Err("contraindications")
        );
        let mut f = facts();
        let first = f.contraindications[0];
        f.contraindications.push(first);
        assert_eq!(
            check_readiness(&f).map_err(|e| e.field),
            Err("contraindications")
        );
    }

    #[test]
    fn advice_for_worn_rollers_and_missing_patch_tests() {
        let mut f = facts();
        f.roller_uses = TABLE.roller_replace_after_uses;
        f.patch_test_done = false;
        let c = check(&f);
        assert_eq!(c.verdict, ReadinessVerdict::ReadyWithAdvice);
        let codes: Vec<_> = c.reasons.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            vec![ReadinessCode::ReplaceRoller, ReadinessCode::PatchTest]
        );
    }

    #[test]
    fn bad_offsets_name_their_field() {
        let mut f = facts();
        f.last_session_end = Some(DateTime::UNIX_EPOCH);
        f.last_session_utc_offset_minutes = Some(100 * 60);
        assert_eq!(
            check_readiness(&f).map_err(|e| e.field),
            Err("last_session_utc_offset_minutes")
        );
    }

    #[test]
    fn wording_never_promises_a_cure() {
        let mut f = facts();
        f.patch_test_done = false;
        f.roller_uses = 40;
        f.last_session_end = Some(at("2026-11-20T21:00:00Z"));
        for answer in &mut f.contraindications {
            answer.yes = true;
        }
        for reason in check(&f).reasons {
            let text = reason.text.to_lowercase();
            assert!(!text.contains("cure") && !text.contains("guarantee"));
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for tests across the crate.
    use super::{ContraindicationAnswer, TABLE};

    /// Every contraindication question answered "no".
    pub fn all_no() -> Vec<ContraindicationAnswer> {
        TABLE
            .contraindications
            .iter()
            .map(|rule| ContraindicationAnswer {
                id: rule.id,
                yes: false,
            })
            .collect()
    }
}
