//! The protocol facade: the safety gate and the protocol's numbers, for
//! onboarding and pre-session screens.

use crate::protocol::{
    self, Contraindication, ContraindicationAction, NeedleLength, PassCounts, ReadinessCheck,
    ReadinessFacts, RollerCheck, RollerInput, SkinSensitivity, TABLE,
};

use super::DermarollError;

/// A contraindication question as a shell shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContraindicationQuestion {
    /// Which question; send it back with the answer.
    pub id: Contraindication,
    /// The question text.
    pub question: String,
    /// What a "yes" means for tonight.
    pub action: ContraindicationAction,
    /// The reason shown with a "yes".
    pub reason: String,
}

/// The protocol's rules and numbers, read-only. Cheap to construct and safe
/// to share between threads.
#[derive(Debug, Default, uniffi::Object)]
pub struct ProtocolGuide;

#[uniffi::export]
impl ProtocolGuide {
    /// A guide over the built-in protocol table.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self
    }

    /// The safety gate: judges a roller for a person. A bad length is an
    /// `InvalidInput` error on `needle_mm`.
    pub fn check_roller(&self, input: RollerInput) -> Result<RollerCheck, DermarollError> {
        Ok(protocol::check_roller(input)?)
    }

    /// Readiness before a session: interval since the last session, roller
    /// wear, patch test, the roller check and the contraindication answers,
    /// in one call. Bad input is an `InvalidInput` naming the field.
    pub fn check_readiness(&self, facts: ReadinessFacts) -> Result<ReadinessCheck, DermarollError> {
        Ok(protocol::check_readiness(&facts)?)
    }

    /// The minimum whole days between sessions for a needle length.
    pub fn min_interval_days(&self, needle_mm: f64) -> Result<u32, DermarollError> {
        let needle = NeedleLength::from_mm(needle_mm)?;
        Ok(TABLE.band_for(needle).min_interval_days)
    }

    /// The default passes per area for a skin type.
    pub fn default_passes(&self, sensitivity: SkinSensitivity) -> PassCounts {
        TABLE.passes_for(sensitivity)
    }

    /// Every contraindication question, in the order to ask them.
    pub fn contraindication_questions(&self) -> Vec<ContraindicationQuestion> {
        TABLE
            .contraindications
            .iter()
            .map(|rule| ContraindicationQuestion {
                id: rule.id,
                question: rule.question.to_string(),
                action: rule.action,
                reason: rule.reason.to_string(),
            })
            .collect()
    }
}
