//! The dermarolling protocol: the person and roller facts every rule reads,
//! the one table of domain numbers ([`table`]), and pure judgements over them.

pub mod aftercare;
pub mod readiness;
pub mod roller;
pub mod table;

use serde::{Deserialize, Serialize};

use crate::error::InputError;

pub use aftercare::{
    judge as judge_aftercare, AftercareJudgement, AftercareNote, AftercareObservation,
    AftercareVerdict, RedFlag,
};
pub use readiness::{
    check_readiness, ContraindicationAnswer, ReadinessCheck, ReadinessCode, ReadinessFacts,
    ReadinessReason, ReadinessVerdict,
};
pub use roller::{check_roller, RollerCheck, RollerInput, RollerReason, Verdict};
pub use table::{
    Contraindication, ContraindicationAction, NeedleBand, PassCounts, ProfileDefaults, Rhythm,
    ScheduleTable, TABLE,
};

/// How easily a person's skin reacts; steers needle length and pass counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SkinSensitivity {
    /// Reacts strongly: the short end of the needle range, fewer passes.
    Sensitive,
    /// Ordinary skin.
    Normal,
    /// Resilient ("tough") skin: the only kind allowed above 0.5 mm at home.
    Resilient,
}

/// Whether the person has rolled before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Experience {
    /// Never rolled before: patch test first, no needles above 0.5 mm.
    FirstTimer,
    /// Has rolled before without trouble.
    Experienced,
}

/// A facial area the app offers for rolling, in the order it guides them.
/// Eyelids, under-eye and lips are never offered: they are not in this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FacialArea {
    /// The forehead.
    Forehead,
    /// The left cheek.
    LeftCheek,
    /// The right cheek.
    RightCheek,
    /// The nose.
    Nose,
    /// The chin.
    Chin,
    /// The jawline.
    Jaw,
}

impl FacialArea {
    /// Every offered area, in guiding order.
    pub const ALL: [FacialArea; 6] = [
        Self::Forehead,
        Self::LeftCheek,
        Self::RightCheek,
        Self::Nose,
        Self::Chin,
        Self::Jaw,
    ];

    /// The area's name in plain words ("left cheek").
    pub fn name(self) -> &'static str {
        match self {
            Self::Forehead => "forehead",
            Self::LeftCheek => "left cheek",
            Self::RightCheek => "right cheek",
            Self::Nose => "nose",
            Self::Chin => "chin",
            Self::Jaw => "jaw",
        }
    }
}

/// How rolling an area ended; the journal records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum AreaEndpoint {
    /// Every planned pass was done.
    PassesCompleted,
    /// Stopped early: the skin turned dark pink-red (a normal, intended endpoint).
    DarkPinkRed,
    /// Stopped early: pinpoint bleeding began (a normal, intended endpoint).
    PinpointBleeding,
    /// The person skipped the area.
    Skipped,
    /// The session was abandoned while this area was being rolled.
    Interrupted,
}

/// A validated needle length, held in whole micrometres so comparisons
/// against the table are exact (0.5 mm is 500 µm, never 0.49999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct NeedleLength {
    micrometres: u32,
}

impl NeedleLength {
    /// Validates a length given in millimetres for the field `field`.
    ///
    /// NaN, infinities, zero, negatives and anything outside the table's
    /// accepted range (0.1 – 3.0 mm) are bad input, not verdicts.
    pub fn from_mm_for(field: &'static str, mm: f64) -> Result<Self, InputError> {
        let range = TABLE.needle_input_range_um;
        if !mm.is_finite() {
            return Err(InputError::new(field, "must be a number of millimetres"));
        }
        let micrometres = (mm * 1000.0).round();
        if micrometres < f64::from(range.0) || micrometres > f64::from(range.1) {
            return Err(InputError::new(
                field,
                format!(
                    "{mm} mm is not a dermaroller needle length (expected {} to {} mm)",
                    um_to_mm(range.0),
                    um_to_mm(range.1)
                ),
            ));
        }
        // In range, so the cast is exact.
        Ok(Self {
            micrometres: micrometres as u32,
        })
    }

    /// Validates a length in millimetres, naming the field `needle_mm`.
    pub fn from_mm(mm: f64) -> Result<Self, InputError> {
        Self::from_mm_for("needle_mm", mm)
    }

    /// The length in micrometres.
    pub fn micrometres(self) -> u32 {
        self.micrometres
    }

    /// The length in millimetres.
    pub fn mm(self) -> f64 {
        um_to_mm(self.micrometres)
    }
}

impl TryFrom<f64> for NeedleLength {
    type Error = InputError;
    fn try_from(mm: f64) -> Result<Self, Self::Error> {
        Self::from_mm(mm)
    }
}

impl From<NeedleLength> for f64 {
    fn from(length: NeedleLength) -> f64 {
        length.mm()
    }
}

impl std::fmt::Display for NeedleLength {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} mm", self.mm())
    }
}

/// Micrometres to millimetres, for display.
pub(crate) fn um_to_mm(um: u32) -> f64 {
    f64::from(um) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needle_lengths_are_exact_micrometres() {
        assert_eq!(NeedleLength::from_mm(0.5).map(|n| n.micrometres()), Ok(500));
        assert_eq!(
            NeedleLength::from_mm(0.25).map(|n| n.micrometres()),
            Ok(250)
        );
        assert_eq!(NeedleLength::from_mm(0.1).map(|n| n.micrometres()), Ok(100));
        assert_eq!(
            NeedleLength::from_mm(3.0).map(|n| n.micrometres()),
            Ok(3000)
        );
    }

    #[test]
    fn bad_lengths_name_the_field() {
        for bad in [f64::NAN, f64::INFINITY, -0.5, 0.0, 0.05, 3.5, 1e300] {
            let err = NeedleLength::from_mm(bad).err();
            assert_eq!(err.map(|e| e.field), Some("needle_mm"), "{bad}");
        }
    }
}
