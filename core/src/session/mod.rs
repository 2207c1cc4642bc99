//! The guided session: a pure state machine `(state, event, at) -> (state,
//! effects)`. Sterilise → cleanse → each chosen area (vertical then
//! horizontal passes, paced by timed cues, with stop signs) → rinse → store
//! the roller → optional mask → done.
//!
//! The core never reads a clock: every event carries its instant, and cues
//! and timers leave as [`Effect`]s with timestamps that a shell carries out.
//! The whole state serialises in a versioned form ([`SessionState::to_saved`])
//! so a killed app resumes exactly.

mod effect;
mod event;
mod machine;
mod plan;
mod state;
mod text;
mod view;

pub use effect::{AreaResult, CueKind, Effect, SessionOutcome, SessionSummary, TimerPurpose};
pub use event::{EventKind, SessionEvent, StopSign};
pub use plan::{Plan, SessionPlan};
pub use state::{Direction, SessionState, Step, SAVED_FORMAT};
pub use view::SessionView;

use thiserror::Error;

use crate::error::InputError;

/// Why an event or a saved state was refused. The state is never changed by
/// a refused event.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SessionError {
    /// Bad input (a plan setting, an instant earlier than the last event,
    /// a corrupt saved state), naming the field.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The event is valid but not in the current state (a pass after the
    /// session ended, a mask before its wait is over).
    #[error("not allowed now: {reason}")]
    NotAllowedNow {
        /// Why, in plain words.
        reason: String,
    },
    /// A saved state written by a newer app version.
    #[error("saved session format {found} is newer than this app understands (up to {supported})")]
    NewerFormat {
        /// The format found.
        found: u32,
        /// The newest format this build reads.
        supported: u32,
    },
}

impl SessionError {
    /// A "not allowed now" error with a reason.
    pub(crate) fn not_now(reason: impl Into<String>) -> Self {
        Self::NotAllowedNow {
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests;
