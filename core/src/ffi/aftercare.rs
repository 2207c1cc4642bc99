//! Aftercare judgement for shells that judge an observation before it is
//! stored (the journal judges every check-in it records as well).

use crate::protocol::{self, AftercareJudgement, AftercareObservation};

/// Reads an observation against the protocol's normal course.
#[uniffi::export]
pub fn judge_aftercare(observation: AftercareObservation) -> AftercareJudgement {
    protocol::judge_aftercare(&observation)
}
