//! The guided session, kept in the journal: the shell makes one call per
//! action and the journal runs the pure session machine
//! (`crate::session`) and persists the new state together with the event in
//! the SAME transaction, so a killed app resumes exactly where it was.
//!
//! The in-progress state the journal stores is a small versioned envelope
//! around the machine's own saved state: which roller, when the session
//! started and (once rolling is over) ended, with the device's offset and
//! zone, so the finished session can be recorded without asking again.

use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::error::{JournalError, RecordKind, Result};
use super::records::{AreaRecord, Moment, SessionRecord};
use super::session::record_event_in;
use super::store::{self, stored};
use super::{fresh_id, validate, Journal};
use crate::protocol::{FacialArea, PassCounts};
use crate::session::{
    Effect, SessionEvent, SessionOutcome, SessionPlan, SessionState, SessionSummary, SessionView,
    Step,
};

/// The envelope's format; a newer one is refused as a newer format.
const GUIDED_FORMAT: u32 = 1;

/// What a shell sends to start a guided session. The needle length comes
/// from the roller, skin and experience from the profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GuidedStart {
    /// The roller in hand (must be in the journal and not retired).
    pub roller_id: String,
    /// The areas to roll, each at most once.
    pub areas: Vec<FacialArea>,
    /// Passes per area; `None` takes the default for the profile's skin.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub passes: Option<PassCounts>,
    /// Seconds between pass cues; `None` takes the default.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub cue_cadence_seconds: Option<u32>,
}

/// What every guided-session call returns: the screen and the effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct GuidedUpdate {
    /// The session's id in the journal.
    pub session_id: String,
    /// What to show: step, area, pass x of y, instruction, allowed events,
    /// and the timer the shell should be running (re-arm it after a restart).
    pub view: SessionView,
    /// Cues to speak, timers to start or cancel; empty on resume.
    pub effects: Vec<Effect>,
    /// Rolling and aftercare steps are over: ask for discomfort and notes
    /// and call `finish_guided_session`.
    pub awaiting_finish: bool,
}

/// The journal's in-progress state: the machine's saved state plus what the
/// finished session record needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Envelope {
    format: u32,
    roller_id: String,
    started: Moment,
    /// When rolling and aftercare steps ended, and what was done: set by the
    /// event that completed the session.
    ended: Option<(Moment, SessionSummary)>,
    machine: String,
}

impl Envelope {
    fn parse(text: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let version: Version = serde_json::from_str(text)
            .map_err(|e| JournalError::Corrupt(format!("guided session state: {e}")))?;
        if version.format > GUIDED_FORMAT {
            return Err(crate::session::SessionError::NewerFormat {
                found: version.format,
                supported: GUIDED_FORMAT,
            }
            .into());
        }
        serde_json::from_str(text)
            .map_err(|e| JournalError::Corrupt(format!("guided session state: {e}")))
    }

    fn to_text(&self) -> Result<String> {
        serde_json::to_string(self)
            .map_err(|e| JournalError::Corrupt(format!("guided session state: {e}")))
    }

    fn machine(&self) -> Result<SessionState> {
        Ok(SessionState::from_saved(&self.machine)?)
    }
}

/// The start event as the journal's event log records it.
#[derive(Serialize)]
struct StartEvent<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    roller_id: &'a str,
    plan: &'a SessionPlan,
}

impl Journal {
    /// Starts a guided session with a roller from the journal, for the
    /// profile's skin and experience, and records the start durably. A
    /// roller the safety gate refuses is "not allowed now" with the reasons;
    /// another session still in progress must be finished or abandoned first.
    pub fn start_guided_session(&self, start: &GuidedStart, at: &Moment) -> Result<GuidedUpdate> {
        validate::id("roller_id", &start.roller_id)?;
        validate::now(at)?;
        let session_id = fresh_id()?;
        let event_id = fresh_id()?;
        self.write(|tx| {
            let profile = store::profile(tx)?;
            let roller = store::roller(tx, &start.roller_id)?;
            if roller.retired.is_some() {
                return Err(JournalError::NotAllowed(
                    "this roller is retired: add the new one first".into(),
                ));
            }
            let plan = SessionPlan {
                needle_mm: roller.needle_mm,
                sensitivity: profile.sensitivity,
                experience: profile.experience,
                areas: start.areas.clone(),
                passes: start.passes,
                cue_cadence_seconds: start.cue_cadence_seconds,
            };
            let state = SessionState::start(&plan, at.at)?;
            let envelope = Envelope {
                format: GUIDED_FORMAT,
                roller_id: roller.id.clone(),
                started: stored(at),
                ended: None,
                machine: state.to_saved(),
            };
            let event = StartEvent {
                kind: "start",
                roller_id: &roller.id,
                plan: &plan,
            };
            let event_json = serde_json::to_string(&event)
                .map_err(|e| JournalError::Corrupt(format!("start event: {e}")))?;
            record_event_in(
                tx,
                event_id,
                &session_id,
                &event_json,
                at,
                &envelope.to_text()?,
            )?;
            Ok(update(session_id, &state, Vec::new()))
        })
    }

    /// Applies one action (or a fired timer) to the session in progress and
    /// records it with the new state in one transaction. A refused event
    /// writes nothing and leaves the session as it was. Abandoning ends the
    /// session in the same transaction (its events are kept).
    pub fn apply_guided_event(&self, event: &SessionEvent, at: &Moment) -> Result<GuidedUpdate> {
        validate::now(at)?;
        let event_id = fresh_id()?;
        let event_json = serde_json::to_string(event)
            .map_err(|e| JournalError::Corrupt(format!("session event: {e}")))?;
        self.write(|tx| {
            let (session_id, mut envelope) = in_progress(tx)?
                .ok_or_else(|| JournalError::not_found(RecordKind::SessionInProgress, "none"))?;
            let state = envelope.machine()?;
            let (next, effects) = state.apply(*event, at.at)?;
            if envelope.ended.is_none() {
                envelope.ended = completed_summary(&effects).map(|summary| (stored(at), summary));
            }
            envelope.machine = next.to_saved();
            record_event_in(
                tx,
                event_id,
                &session_id,
                &event_json,
                at,
                &envelope.to_text()?,
            )?;
            if next.step() == Step::Abandoned {
                store::end_in_progress(tx, &session_id)?;
            }
            Ok(update(session_id, &next, effects))
        })
    }

    /// The guided session to resume after the app was stopped or killed, if
    /// one is in progress: its screen, with the timer to re-arm in the view.
    pub fn resume_guided_session(&self) -> Result<Option<GuidedUpdate>> {
        self.read(|tx| {
            let Some((session_id, envelope)) = in_progress(tx)? else {
                return Ok(None);
            };
            let state = envelope.machine()?;
            Ok(Some(update(session_id, &state, Vec::new())))
        })
    }

    /// Records the guided session whose steps are over, with the person's
    /// discomfort (0 – 10) and notes: the session, its areas and endpoints,
    /// one more use of the roller, and the end of "in progress", in one
    /// transaction.
    pub fn finish_guided_session(
        &self,
        discomfort: u32,
        notes: &str,
        now: &Moment,
    ) -> Result<SessionRecord> {
        validate::now(now)?;
        validate::scale("discomfort", discomfort)?;
        validate::note("notes", notes)?;
        let (session_id, envelope) = self
            .read(in_progress)?
            .ok_or_else(|| JournalError::not_found(RecordKind::SessionInProgress, "none"))?;
        let Some((ended, summary)) = envelope.ended.clone() else {
            return Err(JournalError::NotAllowed(
                "the session's steps are not over yet".into(),
            ));
        };
        let record = SessionRecord {
            id: session_id,
            roller_id: envelope.roller_id.clone(),
            started: envelope.started.clone(),
            ended,
            outcome: summary.outcome,
            areas: area_records(&summary),
            discomfort: Some(discomfort),
            notes: notes.to_string(),
        };
        validate::session(&record, now)?;
        let device = self.device_id();
        self.write(|tx| {
            super::session::record_session_in(tx, &device, &record, now)?;
            Ok(record.clone())
        })
    }
}

/// The session in progress and its envelope, read inside `tx`.
fn in_progress(tx: &Transaction<'_>) -> Result<Option<(String, Envelope)>> {
    let Some(saved) = tx
        .query_row(store::IN_PROGRESS_SQL, [], store::in_progress_row)
        .optional()?
    else {
        return Ok(None);
    };
    let envelope = Envelope::parse(&saved.state_json)?;
    Ok(Some((saved.session_id, envelope)))
}

/// The summary of a session the effects complete, if they do.
fn completed_summary(effects: &[Effect]) -> Option<SessionSummary> {
    effects.iter().find_map(|effect| match effect {
        Effect::SessionEnded { summary } if summary.outcome == SessionOutcome::Completed => {
            Some(summary.clone())
        }
        _ => None,
    })
}

fn update(session_id: String, state: &SessionState, effects: Vec<Effect>) -> GuidedUpdate {
    GuidedUpdate {
        session_id,
        awaiting_finish: state.step() == Step::Done,
        view: state.view(),
        effects,
    }
}

/// The journal's area records from the machine's summary.
fn area_records(summary: &SessionSummary) -> Vec<AreaRecord> {
    summary
        .areas
        .iter()
        .map(|area| AreaRecord {
            area: area.area,
            vertical_passes: area.vertical_done,
            horizontal_passes: area.horizontal_done,
            endpoint: area.endpoint,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::testing::{at, journal, person_with_roller};
    use crate::journal::NewRoller;
    use crate::protocol::AreaEndpoint;
    use crate::session::StopSign;

    fn setup() -> (tempfile::TempDir, Journal, String) {
        let (dir, journal) = journal();
        let roller = person_with_roller(&journal, 10_000);
        (dir, journal, roller)
    }

    /// Starts a default session over the nose at `at(10_100)`.
    fn start_nose_session(journal: &Journal, roller_id: String) -> GuidedUpdate {
        let start = GuidedStart {
            roller_id,
            areas: vec![FacialArea::Nose],
            passes: None,
            cue_cadence_seconds: None,
        };
        journal.start_guided_session(&start, &at(10_100)).unwrap()
    }

    /// Drives the machine by its view: fires the pending timer, else continues.
    fn step(journal: &Journal, view: &SessionView, secs: &mut i64) -> GuidedUpdate {
        *secs += 10;
        let event = match view.pending_timer_id {
            Some(timer_id) => SessionEvent::TimerFired { timer_id },
            None if view.step == Step::MaskOffer => SessionEvent::SkipMask,
            None => SessionEvent::Continue,
        };
        journal.apply_guided_event(&event, &at(*secs)).unwrap()
    }

    #[test]
    fn a_guided_session_survives_reopening_and_is_recorded_once() {
        let (dir, journal, roller_id) = setup();
        let mut secs = 10_100;
        let start = GuidedStart {
            roller_id: roller_id.clone(),
            areas: vec![FacialArea::Forehead, FacialArea::Chin],
            passes: Some(PassCounts {
                vertical: 2,
                horizontal: 2,
            }),
            cue_cadence_seconds: None,
        };
        let mut update = journal.start_guided_session(&start, &at(secs)).unwrap();
        let session_id = update.session_id.clone();
        // Roll until the chin, then stop it early.
        while update.view.area != Some(FacialArea::Chin) || update.view.pass_number.is_none() {
            update = step(&journal, &update.view, &mut secs);
        }
        secs += 5;
        journal
            .apply_guided_event(
                &SessionEvent::Stop {
                    sign: StopSign::PinpointBleeding,
                },
                &at(secs),
            )
            .unwrap();
        // The app is killed: a new journal on the same file resumes.
        drop(journal);
        let journal = Journal::open(dir.path().join("journal.sqlite3"), "test-device").unwrap();
        let mut update = journal.resume_guided_session().unwrap().unwrap();
        assert_eq!(update.session_id, session_id);
        while !update.awaiting_finish {
            update = step(&journal, &update.view, &mut secs);
        }
        assert!(journal.finish_guided_session(11, "", &at(secs)).is_err());
        let record = journal
            .finish_guided_session(3, "tingly", &at(secs))
            .unwrap();
        assert_eq!(record.areas.len(), 2);
        assert_eq!(record.areas[0].endpoint, AreaEndpoint::PassesCompleted);
        assert_eq!(record.areas[0].vertical_passes, 2);
        assert_eq!(record.areas[1].endpoint, AreaEndpoint::PinpointBleeding);
        assert_eq!(journal.resume_guided_session().unwrap(), None);
        assert!(journal.finish_guided_session(3, "", &at(secs)).is_err());
        let wear = journal.roller_wear().unwrap();
        let roller = wear.iter().find(|w| w.roller.id == roller_id).unwrap();
        assert_eq!(roller.roller.uses, 1);
    }

    #[test]
    fn a_refused_event_writes_nothing() {
        let (_dir, journal, roller_id) = setup();
        let first = start_nose_session(&journal, roller_id);
        let events = journal.session_events(&first.session_id).unwrap().len();
        // Time going backwards, and an event not allowed at this step.
        assert!(journal
            .apply_guided_event(&SessionEvent::Continue, &at(10_000))
            .is_err());
        assert!(journal
            .apply_guided_event(&SessionEvent::UndoPass, &at(10_200))
            .is_err());
        assert_eq!(
            journal.session_events(&first.session_id).unwrap().len(),
            events
        );
        assert_eq!(journal.resume_guided_session().unwrap(), Some(first));
    }

    #[test]
    fn abandoning_ends_the_session_but_keeps_its_events() {
        let (_dir, journal, roller_id) = setup();
        let first = start_nose_session(&journal, roller_id);
        let update = journal
            .apply_guided_event(&SessionEvent::Abandon, &at(10_200))
            .unwrap();
        assert_eq!(update.view.step, Step::Abandoned);
        assert_eq!(journal.resume_guided_session().unwrap(), None);
        assert_eq!(journal.session_events(&first.session_id).unwrap().len(), 2);
    }

    #[test]
    fn a_refused_roller_is_not_allowed() {
        let (_dir, journal, _) = setup();
        let now = at(10_000);
        let long = journal
            .add_roller(
                &NewRoller {
                    needle_mm: 1.0,
                    first_use: now.clone(),
                    uses_so_far: 0,
                },
                &now,
            )
            .unwrap();
        let start = GuidedStart {
            roller_id: long.id,
            areas: vec![FacialArea::Nose],
            passes: None,
            cue_cadence_seconds: None,
        };
        let refused = journal.start_guided_session(&start, &at(10_100));
        assert!(
            matches!(refused, Err(JournalError::Session(_))),
            "{refused:?}"
        );
        assert_eq!(journal.resume_guided_session().unwrap(), None);
    }
}
