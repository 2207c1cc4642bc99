//! What can happen during a session: taps, voice commands and fired timers.

use serde::{Deserialize, Serialize};

/// A stop sign: the skin reached an intended endpoint, so the area ends early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum StopSign {
    /// The skin turned dark pink-red.
    DarkPinkRed,
    /// Pinpoint bleeding began.
    PinpointBleeding,
}

/// One event, applied at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SessionEvent {
    /// The current step is done (roller sterilised, face cleansed, rinsed,
    /// roller stored, mask on).
    Continue,
    /// A timer the core requested has fired.
    TimerFired {
        /// The id from the `StartTimer` effect.
        timer_id: u32,
    },
    /// The person says the current pass is done (or starts the first pass
    /// before the lead-in is over); the same as the pace timer firing.
    NextPass,
    /// Undo the last counted pass of this area.
    UndoPass,
    /// A stop sign: end this area early, recording the endpoint.
    Stop {
        /// Which endpoint was reached.
        sign: StopSign,
    },
    /// Skip the current area.
    SkipArea,
    /// Pause: pending timers are cancelled and resumed later.
    Pause,
    /// Resume after a pause: pending timers restart with their remaining time.
    Resume,
    /// Change the seconds between pass cues (from the next cue on).
    SetCadence {
        /// The new cadence, within the table's range.
        seconds: u32,
    },
    /// Yes to the optional mask: wait, then put it on.
    StartMask,
    /// No mask tonight.
    SkipMask,
    /// End the session now.
    Abandon,
}

/// The kind of an event, without its data: what a view says is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// [`SessionEvent::Continue`].
    Continue,
    /// [`SessionEvent::TimerFired`].
    TimerFired,
    /// [`SessionEvent::NextPass`].
    NextPass,
    /// [`SessionEvent::UndoPass`].
    UndoPass,
    /// [`SessionEvent::Stop`].
    Stop,
    /// [`SessionEvent::SkipArea`].
    SkipArea,
    /// [`SessionEvent::Pause`].
    Pause,
    /// [`SessionEvent::Resume`].
    Resume,
    /// [`SessionEvent::SetCadence`].
    SetCadence,
    /// [`SessionEvent::StartMask`].
    StartMask,
    /// [`SessionEvent::SkipMask`].
    SkipMask,
    /// [`SessionEvent::Abandon`].
    Abandon,
}

impl SessionEvent {
    /// This event's kind.
    pub fn kind(&self) -> EventKind {
        match self {
            Self::Continue => EventKind::Continue,
            Self::TimerFired { .. } => EventKind::TimerFired,
            Self::NextPass => EventKind::NextPass,
            Self::UndoPass => EventKind::UndoPass,
            Self::Stop { .. } => EventKind::Stop,
            Self::SkipArea => EventKind::SkipArea,
            Self::Pause => EventKind::Pause,
            Self::Resume => EventKind::Resume,
            Self::SetCadence { .. } => EventKind::SetCadence,
            Self::StartMask => EventKind::StartMask,
            Self::SkipMask => EventKind::SkipMask,
            Self::Abandon => EventKind::Abandon,
        }
    }
}
