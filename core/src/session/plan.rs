//! What the person chose for tonight, and its validation.

use serde::{Deserialize, Serialize};

use super::SessionError;
use crate::error::InputError;
use crate::protocol::{
    check_roller, Experience, FacialArea, NeedleLength, PassCounts, RollerInput, SkinSensitivity,
    Verdict, TABLE,
};

/// The session the person asks for, as a shell passes it in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionPlan {
    /// Needle length in millimetres.
    pub needle_mm: f64,
    /// How easily the skin reacts (sets the default pass counts).
    pub sensitivity: SkinSensitivity,
    /// Whether the person has rolled before.
    pub experience: Experience,
    /// The areas to roll; guided in the protocol's order, each at most once.
    pub areas: Vec<FacialArea>,
    /// Passes per area; `None` takes the default for the skin type.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub passes: Option<PassCounts>,
    /// Seconds between pass cues; `None` takes the default.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub cue_cadence_seconds: Option<u32>,
}

/// A validated plan: the roller passed the safety gate, the areas are
/// distinct and in guiding order, the numbers are within the table's limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// The roller's needle length.
    pub needle: NeedleLength,
    /// Skin sensitivity.
    pub sensitivity: SkinSensitivity,
    /// Experience.
    pub experience: Experience,
    /// Areas in guiding order, never empty.
    pub areas: Vec<FacialArea>,
    /// Target passes per area, each 1 ..= `TABLE.passes_max`.
    pub passes: PassCounts,
    /// Seconds between pass cues, within `TABLE.cue_cadence_range_seconds`.
    pub cadence_seconds: u32,
}

impl Plan {
    /// Validates a plan. Bad values are input errors naming the field; a
    /// roller the safety gate refuses is "not allowed now" with its reasons.
    pub fn validate(plan: &SessionPlan) -> Result<Self, SessionError> {
        let roller = check_roller(RollerInput {
            needle_mm: plan.needle_mm,
            sensitivity: plan.sensitivity,
            experience: plan.experience,
        })?;
        if roller.verdict == Verdict::Refused {
            let reasons: Vec<&str> = roller.reasons.iter().map(|r| r.text.as_str()).collect();
            return Err(SessionError::not_now(reasons.join(" ")));
        }
        let needle = NeedleLength::from_mm(plan.needle_mm)?;
        if plan.areas.is_empty() {
            return Err(InputError::new("areas", "choose at least one area").into());
        }
        let mut areas = plan.areas.clone();
        areas.sort();
        if areas.windows(2).any(|pair| pair[0] == pair[1]) {
            return Err(InputError::new("areas", "each area may be chosen only once").into());
        }
        let passes = plan
            .passes
            .unwrap_or_else(|| TABLE.passes_for(plan.sensitivity));
        let max = TABLE.passes_max;
        for count in [passes.vertical, passes.horizontal] {
            if !(1..=max).contains(&count) {
                return Err(InputError::new(
                    "passes",
                    format!("{count} passes: choose 1 to {max} per direction"),
                )
                .into());
            }
        }
        let cadence_seconds = plan
            .cue_cadence_seconds
            .unwrap_or(TABLE.cue_cadence_default_seconds);
        validate_cadence("cue_cadence_seconds", cadence_seconds)?;
        Ok(Self {
            needle,
            sensitivity: plan.sensitivity,
            experience: plan.experience,
            areas,
            passes,
            cadence_seconds,
        })
    }

    /// Re-checks a plan read back from a saved state.
    pub(crate) fn check(&self) -> Result<(), InputError> {
        let bad = |reason: &str| InputError::new("saved", format!("corrupt plan: {reason}"));
        let mut sorted = self.areas.clone();
        sorted.sort();
        sorted.dedup();
        if self.areas.is_empty() || sorted != self.areas {
            return Err(bad("areas"));
        }
        let max = TABLE.passes_max;
        if !(1..=max).contains(&self.passes.vertical)
            || !(1..=max).contains(&self.passes.horizontal)
        {
            return Err(bad("passes"));
        }
        validate_cadence("saved", self.cadence_seconds)
    }
}

/// A cue cadence within the table's range, naming `field` on error.
pub(crate) fn validate_cadence(field: &'static str, seconds: u32) -> Result<(), InputError> {
    let (low, high) = TABLE.cue_cadence_range_seconds;
    if (low..=high).contains(&seconds) {
        Ok(())
    } else {
        Err(InputError::new(
            field,
            format!("{seconds} s between cues: choose {low} to {high} s"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> SessionPlan {
        SessionPlan {
            needle_mm: 0.5,
            sensitivity: SkinSensitivity::Normal,
            experience: Experience::FirstTimer,
            areas: vec![FacialArea::Jaw, FacialArea::Forehead],
            passes: None,
            cue_cadence_seconds: None,
        }
    }

    fn field(result: Result<Plan, SessionError>) -> Option<&'static str> {
        match result {
            Err(SessionError::Input(e)) => Some(e.field),
            _ => None,
        }
    }

    #[test]
    fn defaults_come_from_the_table_and_areas_are_ordered() {
        let valid = Plan::validate(&plan()).ok();
        assert_eq!(
            valid.as_ref().map(|p| p.areas.clone()),
            Some(vec![FacialArea::Forehead, FacialArea::Jaw])
        );
        assert_eq!(valid.map(|p| p.passes), Some(TABLE.passes_default));
    }

    #[test]
    fn bad_settings_name_their_field() {
        let mut p = plan();
        p.areas.clear();
        assert_eq!(field(Plan::validate(&p)), Some("areas"));
        let mut p = plan();
        p.areas.push(FacialArea::Jaw);
        assert_eq!(field(Plan::validate(&p)), Some("areas"));
        let mut p = plan();
        p.passes = Some(PassCounts {
            vertical: 0,
            horizontal: 6,
        });
        assert_eq!(field(Plan::validate(&p)), Some("passes"));
        let mut p = plan();
        p.cue_cadence_seconds = Some(0);
        assert_eq!(field(Plan::validate(&p)), Some("cue_cadence_seconds"));
        let mut p = plan();
        p.needle_mm = f64::NAN;
        assert_eq!(field(Plan::validate(&p)), Some("needle_mm"));
    }

    #[test]
    fn a_refused_roller_is_not_allowed() {
        let mut p = plan();
        p.needle_mm = 1.0;
        assert!(matches!(
            Plan::validate(&p),
            Err(SessionError::NotAllowedNow { .. })
        ));
    }
}
