//! What the core asks a shell to do: speak or vibrate a cue, start or cancel
//! a timer, record a finished session. Every effect carries its instant.

use serde::{Deserialize, Serialize};

use crate::protocol::{AreaEndpoint, FacialArea};
use crate::time::UtcDateTime;

/// What a cue is about, so a shell can choose a voice line or a vibration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A new step begins ("rinse your face with water").
    Step,
    /// The next area begins ("next: left cheek").
    NextArea,
    /// A pass begins ("vertical, pass 3 of 6").
    Pass,
    /// Switch from vertical to horizontal passes.
    SwitchDirection,
    /// An area ended early on a stop sign.
    Stopped,
    /// The session is paused.
    Paused,
    /// The session resumes.
    Resumed,
    /// The mask may go on now.
    MaskReady,
}

/// Why a timer runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TimerPurpose {
    /// The pause before an area's first pass.
    LeadIn,
    /// The pace of passes: when it fires, the pass is done.
    Pass,
    /// The wait before the optional mask.
    MaskWait,
}

/// How rolling one area ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AreaResult {
    /// The area.
    pub area: FacialArea,
    /// Vertical passes done.
    pub vertical_done: u32,
    /// Horizontal passes done.
    pub horizontal_done: u32,
    /// All passes, a stop sign, or skipped.
    pub endpoint: AreaEndpoint,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SessionOutcome {
    /// Every step was done.
    Completed,
    /// The person ended it early.
    Abandoned,
}

/// What the journal records about a finished session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionSummary {
    /// Completed or abandoned.
    pub outcome: SessionOutcome,
    /// When the session started.
    pub started_at: UtcDateTime,
    /// When it ended.
    pub ended_at: UtcDateTime,
    /// The roller's needle length in millimetres.
    pub needle_mm: f64,
    /// Each area reached, in order, with its passes and endpoint.
    pub areas: Vec<AreaResult>,
    /// Whether the optional mask went on.
    pub mask_applied: bool,
}

/// A request to the shell. Deterministic: the same state, event and instant
/// always give the same effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Effect {
    /// Speak (or vibrate) `text` at `at`.
    Cue {
        /// When to give the cue.
        at: UtcDateTime,
        /// What it is about.
        kind: CueKind,
        /// What to say, in plain English.
        text: String,
    },
    /// Start a timer; when it fires, send `TimerFired { timer_id }`.
    StartTimer {
        /// The timer's id.
        timer_id: u32,
        /// When it fires.
        fires_at: UtcDateTime,
        /// Why it runs.
        purpose: TimerPurpose,
    },
    /// Cancel a timer that has not fired.
    CancelTimer {
        /// The timer's id.
        timer_id: u32,
    },
    /// The session is over: record it.
    SessionEnded {
        /// What happened.
        summary: SessionSummary,
    },
}
