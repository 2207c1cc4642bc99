//! The safety gate: is this roller right for this person at home?

use serde::{Deserialize, Serialize};

use super::{um_to_mm, Experience, NeedleLength, SkinSensitivity, TABLE};
use crate::error::InputError;

/// What the person told us about their roller and skin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RollerInput {
    /// Needle length in millimetres, as printed on the roller.
    pub needle_mm: f64,
    /// How easily the skin reacts.
    pub sensitivity: SkinSensitivity,
    /// Whether the person has rolled before.
    pub experience: Experience,
}

/// The overall outcome of the roller check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Fine for a home session.
    Go,
    /// Allowed, with cautions the person should read first.
    GoWithCautions,
    /// No home session with this roller; the reasons say why.
    Refused,
}

/// Why the verdict is what it is. Each reason has plain-words text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RollerReason {
    /// 1.0 mm and above: professional use only.
    ProfessionalOnly,
    /// Above 0.75 mm: longer than the source allows at home.
    AboveHomeLimit,
    /// Above 0.5 mm without both experience and resilient skin.
    NeedsExperienceAndResilientSkin,
    /// Above 0.5 mm for an experienced user with resilient skin: allowed, deeper.
    DeeperNeedleCaution,
    /// Sensitive skin with a needle past the short end of the range.
    SensitiveSkinShortEnd,
}

impl RollerReason {
    /// The reason in plain words, as a shell shows it.
    pub fn text(self) -> String {
        match self {
            Self::ProfessionalOnly => format!(
                "Needles of {} mm and longer are for professional use only. Please see a dermatologist or a licensed practitioner.",
                um_to_mm(TABLE.professional_only_from_um)
            ),
            Self::AboveHomeLimit => format!(
                "This needle is longer than {} mm, the most that is advised at home. Use a shorter roller or see a professional.",
                um_to_mm(TABLE.home_experienced_max_um)
            ),
            Self::NeedsExperienceAndResilientSkin => format!(
                "Needles longer than {} mm are only for experienced users with resilient skin. Start with {} mm or shorter.",
                um_to_mm(TABLE.home_safe_max_um),
                um_to_mm(TABLE.home_safe_max_um)
            ),
            Self::DeeperNeedleCaution => "This is a deeper needle: expect redness and some swelling for a few days, and keep to the full interval between sessions.".to_string(),
            Self::SensitiveSkinShortEnd => format!(
                "For sensitive skin, the shorter the better: consider {} mm or shorter, and fewer passes.",
                um_to_mm(TABLE.sensitive_advised_max_um)
            ),
        }
    }
}

/// A reason together with its text, ready to display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReasonText {
    /// Which reason, for a shell that styles reasons differently.
    pub reason: RollerReason,
    /// The reason in plain words.
    pub text: String,
}

/// The result of the roller check: the input it judged, the verdict, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RollerCheck {
    /// The input this verdict is for, echoed back unchanged.
    pub input: RollerInput,
    /// Go, go with cautions, or refused.
    pub verdict: Verdict,
    /// Every reason behind the verdict, most serious first.
    pub reasons: Vec<ReasonText>,
}

/// Judges a roller for a person: needle length × skin × experience.
///
/// Bad lengths (NaN, zero, negative, outside 0.1 – 3.0 mm) are an
/// [`InputError`] on `needle_mm`, never a verdict.
pub fn check_roller(input: RollerInput) -> Result<RollerCheck, InputError> {
    let needle = NeedleLength::from_mm(input.needle_mm)?;
    let um = needle.micrometres();
    let mut refusals = Vec::new();
    let mut cautions = Vec::new();

    if um >= TABLE.professional_only_from_um {
        refusals.push(RollerReason::ProfessionalOnly);
    } else if um > TABLE.home_experienced_max_um {
        refusals.push(RollerReason::AboveHomeLimit);
    } else if um > TABLE.home_safe_max_um {
        let allowed = input.experience == Experience::Experienced
            && input.sensitivity == SkinSensitivity::Resilient;
        if allowed {
            cautions.push(RollerReason::DeeperNeedleCaution);
        } else {
            refusals.push(RollerReason::NeedsExperienceAndResilientSkin);
        }
    }
    if input.sensitivity == SkinSensitivity::Sensitive && um > TABLE.sensitive_advised_max_um {
        cautions.push(RollerReason::SensitiveSkinShortEnd);
    }

    let verdict = if !refusals.is_empty() {
        Verdict::Refused
    } else if !cautions.is_empty() {
        Verdict::GoWithCautions
    } else {
        Verdict::Go
    };
    let reasons = refusals
        .into_iter()
        .chain(cautions)
        .map(|reason| ReasonText {
            reason,
            text: reason.text(),
        })
        .collect();
    Ok(RollerCheck {
        input,
        verdict,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(mm: f64, sensitivity: SkinSensitivity, experience: Experience) -> RollerCheck {
        match check_roller(RollerInput {
            needle_mm: mm,
            sensitivity,
            experience,
        }) {
            Ok(check) => check,
            Err(e) => panic!("{e}"),
        }
    }

    fn codes(check: &RollerCheck) -> Vec<RollerReason> {
        check.reasons.iter().map(|r| r.reason).collect()
    }

    use Experience::*;
    use SkinSensitivity::*;

    #[test]
    fn half_millimetre_is_fine_at_home() {
        let c = check(0.5, Normal, FirstTimer);
        assert_eq!(c.verdict, Verdict::Go);
        assert!(c.reasons.is_empty());
    }

    #[test]
    fn three_quarters_needs_experience_and_resilient_skin() {
        assert_eq!(check(0.75, Normal, FirstTimer).verdict, Verdict::Refused);
        assert_eq!(check(0.75, Resilient, FirstTimer).verdict, Verdict::Refused);
        assert_eq!(check(0.75, Normal, Experienced).verdict, Verdict::Refused);
        let ok = check(0.75, Resilient, Experienced);
        assert_eq!(ok.verdict, Verdict::GoWithCautions);
        assert_eq!(codes(&ok), vec![RollerReason::DeeperNeedleCaution]);
    }

    #[test]
    fn between_the_home_limit_and_one_millimetre_is_refused() {
        let c = check(0.8, Resilient, Experienced);
        assert_eq!(codes(&c), vec![RollerReason::AboveHomeLimit]);
    }

    #[test]
    fn one_millimetre_and_above_is_professional_only() {
        for mm in [1.0, 1.5, 2.0, 3.0] {
            let c = check(mm, Resilient, Experienced);
            assert_eq!(c.verdict, Verdict::Refused);
            assert_eq!(codes(&c), vec![RollerReason::ProfessionalOnly]);
        }
    }

    #[test]
    fn sensitive_skin_is_steered_to_the_short_end() {
        assert_eq!(check(0.25, Sensitive, FirstTimer).verdict, Verdict::Go);
        let c = check(0.5, Sensitive, Experienced);
        assert_eq!(c.verdict, Verdict::GoWithCautions);
        assert_eq!(codes(&c), vec![RollerReason::SensitiveSkinShortEnd]);
        let refused = check(0.75, Sensitive, Experienced);
        assert_eq!(
            codes(&refused),
            vec![
                RollerReason::NeedsExperienceAndResilientSkin,
                RollerReason::SensitiveSkinShortEnd
            ]
        );
    }

    #[test]
    fn reason_text_never_promises_a_cure() {
        for reason in [
            RollerReason::ProfessionalOnly,
            RollerReason::AboveHomeLimit,
            RollerReason::NeedsExperienceAndResilientSkin,
            RollerReason::DeeperNeedleCaution,
            RollerReason::SensitiveSkinShortEnd,
        ] {
            let text = reason.text().to_lowercase();
            assert!(
                !text.contains("cure") && !text.contains("guarantee"),
                "{text}"
            );
        }
    }

    fn sensitivity() -> impl Strategy<Value = SkinSensitivity> {
        prop_oneof![Just(Sensitive), Just(Normal), Just(Resilient)]
    }

    fn experience() -> impl Strategy<Value = Experience> {
        prop_oneof![Just(FirstTimer), Just(Experienced)]
    }

    proptest! {
        #[test]
        fn any_float_gives_a_verdict_or_a_needle_error(
            mm in any::<f64>(), s in sensitivity(), e in experience()
        ) {
            match check_roller(RollerInput { needle_mm: mm, sensitivity: s, experience: e }) {
                Ok(c) => {
                    let um = (mm * 1000.0).round();
                    prop_assert!((100.0..=3000.0).contains(&um), "{} mm accepted", mm);
                    prop_assert_eq!(c.verdict == Verdict::Go, c.reasons.is_empty());
                }
                Err(err) => prop_assert_eq!(err.field, "needle_mm"),
            }
        }

        #[test]
        fn longer_needles_are_never_judged_more_leniently(
            a in 100u32..=3000, b in 100u32..=3000, s in sensitivity(), e in experience()
        ) {
            let rank = |v: Verdict| match v { Verdict::Go => 0, Verdict::GoWithCautions => 1, Verdict::Refused => 2 };
            let (short, long) = (a.min(b), a.max(b));
            let short_check = check(f64::from(short) / 1000.0, s, e);
            let long_check = check(f64::from(long) / 1000.0, s, e);
            prop_assert!(rank(short_check.verdict) <= rank(long_check.verdict));
        }
    }
}
