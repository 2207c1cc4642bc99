//! The guided-session facade: one object per session, one call per user
//! action. The pure machine lives in `crate::session`; this wraps it in a
//! mutex so the object is `Send + Sync`, and never calls foreign code while
//! holding the lock.

use std::sync::{Arc, Mutex};

use crate::session::{Effect, SessionEvent, SessionPlan, SessionState, SessionView};
use crate::time::Moment;

use super::DermarollError;

/// What a call returns: the screen to show and the effects to carry out.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SessionUpdate {
    /// The current step, area, pass x of y, instruction and allowed events.
    pub view: SessionView,
    /// Cues to speak, timers to start or cancel, a finished session to record.
    pub effects: Vec<Effect>,
}

/// A guided session in progress. Persist `saved_state()` after every call;
/// `restore` picks up exactly where it was.
#[derive(Debug, uniffi::Object)]
pub struct GuidedSession {
    state: Mutex<SessionState>,
}

#[uniffi::export]
impl GuidedSession {
    /// Starts a session at its first step (sterilise the roller). A bad plan
    /// is `InvalidInput` naming the field; a roller the safety gate refuses is
    /// `NotAllowedNow` with the reasons. This runs the rules alone and
    /// records nothing: the journal's `startGuidedSession` is the session a
    /// person rolls (readiness first, every step kept).
    #[uniffi::constructor]
    pub fn start(plan: SessionPlan, now: Moment) -> Result<Arc<Self>, DermarollError> {
        now.validate()?;
        Ok(Arc::new(Self::from_state(SessionState::start(
            &plan, now.at,
        )?)))
    }

    /// Restores a session from `saved_state()`. A newer format is
    /// `NewerFormat`; a corrupt one is `InvalidInput` on `saved`.
    #[uniffi::constructor]
    pub fn restore(saved: String) -> Result<Arc<Self>, DermarollError> {
        Ok(Arc::new(Self::from_state(SessionState::from_saved(
            &saved,
        )?)))
    }

    /// Sends one user action (or a fired timer) at `now`. A refused event
    /// leaves the session unchanged: `NotAllowedNow`, or `InvalidInput` on
    /// `at` when time went backwards.
    pub fn send(&self, event: SessionEvent, now: Moment) -> Result<SessionUpdate, DermarollError> {
        now.validate()?;
        let mut state = self.lock()?;
        let (next, effects) = state.apply(event, now.at)?;
        *state = next;
        Ok(SessionUpdate {
            view: state.view(),
            effects,
        })
    }

    /// The current view, e.g. to redraw after the app returns to the front.
    pub fn view(&self) -> Result<SessionView, DermarollError> {
        Ok(self.lock()?.view())
    }

    /// The full state as versioned JSON, to persist after every call.
    pub fn saved_state(&self) -> Result<String, DermarollError> {
        Ok(self.lock()?.to_saved())
    }
}

impl GuidedSession {
    fn from_state(state: SessionState) -> Self {
        Self {
            state: Mutex::new(state),
        }
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, SessionState>, DermarollError> {
        self.state.lock().map_err(|_| DermarollError::Internal {
            text: "the session's lock was poisoned by an earlier failure".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Experience, FacialArea, SkinSensitivity};

    fn send_sync<T: Send + Sync>() {}

    #[test]
    fn the_session_object_is_send_and_sync_and_refusals_keep_it_unchanged() {
        send_sync::<GuidedSession>();
        let plan = SessionPlan {
            needle_mm: 0.25,
            sensitivity: SkinSensitivity::Sensitive,
            experience: Experience::FirstTimer,
            areas: vec![FacialArea::Chin],
            passes: None,
            cue_cadence_seconds: None,
        };
        let now = Moment {
            at: crate::time::UtcDateTime::UNIX_EPOCH,
            utc_offset_minutes: 0,
            zone: "Etc/UTC".into(),
        };
        let session = GuidedSession::start(plan, now.clone()).expect("valid plan");
        let before = session.saved_state().expect("saved");
        let refused = session.send(SessionEvent::NextPass, now);
        assert!(matches!(refused, Err(DermarollError::NotAllowedNow { .. })));
        assert_eq!(session.saved_state().expect("saved"), before);
        let newer = before.replacen("\"format\":1", "\"format\":9", 1);
        assert!(matches!(
            GuidedSession::restore(newer),
            Err(DermarollError::NewerFormat {
                found: 9,
                supported: 1,
                ..
            })
        ));
    }
}
