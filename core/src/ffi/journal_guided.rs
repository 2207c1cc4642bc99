//! The journal facade, continued: the guided session kept in the journal
//! (one call per action, persisted in the same transaction) and readiness
//! from the journal's facts, so a shell makes one call and never gathers
//! facts itself.

use crate::journal::guided::{GuidedStart, GuidedUpdate};
use crate::journal::{Moment, SessionRecord};
use crate::protocol::{ContraindicationAnswer, ReadinessCheck};
use crate::session::SessionEvent;

use super::journal::{Journal, JournalChangeKind};
use super::DermarollError;

type Result<T> = std::result::Result<T, DermarollError>;

#[uniffi::export]
impl Journal {
    /// Starts a guided session with a roller from the journal, for the
    /// profile's skin and experience. The start is recorded durably; a
    /// refused roller is `NotAllowedNow` with the reasons.
    pub fn start_guided_session(&self, start: GuidedStart, at: Moment) -> Result<GuidedUpdate> {
        let update = self.inner().start_guided_session(&start, &at)?;
        self.changed(JournalChangeKind::SessionEvent, &update.session_id);
        Ok(update)
    }

    /// Applies one action (or a fired timer) to the session in progress and
    /// records it with the new state in one transaction. A refused event
    /// changes nothing.
    pub fn apply_guided_event(&self, event: SessionEvent, at: Moment) -> Result<GuidedUpdate> {
        let update = self.inner().apply_guided_event(&event, &at)?;
        self.changed(JournalChangeKind::SessionEvent, &update.session_id);
        Ok(update)
    }

    /// The guided session to resume after the app was stopped or killed:
    /// its screen, with the timer to re-arm; `None` when none is in progress.
    pub fn resume_guided_session(&self) -> Result<Option<GuidedUpdate>> {
        Ok(self.inner().resume_guided_session()?)
    }

    /// Records the guided session whose steps are over, with discomfort
    /// (0 – 10) and notes; adds a use to the roller.
    pub fn finish_guided_session(
        &self,
        discomfort: u32,
        notes: String,
        now: Moment,
    ) -> Result<SessionRecord> {
        let record = self
            .inner()
            .finish_guided_session(discomfort, &notes, &now)?;
        self.changed(JournalChangeKind::Session, &record.id);
        Ok(record)
    }

    /// Whether a session may start now with this roller, from the journal's
    /// facts and tonight's contraindication answers (every question once).
    pub fn check_readiness(
        &self,
        roller_id: String,
        answers: Vec<ContraindicationAnswer>,
        now: Moment,
    ) -> Result<ReadinessCheck> {
        Ok(self.inner().check_readiness(&roller_id, &answers, &now)?)
    }
}
