//! Guided-session persistence, for the session state machine: each event is
//! written together with the machine's new state in ONE transaction, so a
//! killed app resumes exactly where it was. The state is opaque, versioned
//! JSON text owned by the session machine.

use rusqlite::params;
#[cfg(any(test, feature = "testing"))]
use rusqlite::OptionalExtension;

use super::error::{JournalError, RecordKind, Result};
#[cfg(any(test, feature = "testing"))]
use super::fresh_id;
#[cfg(any(test, feature = "testing"))]
use super::records::InProgressSession;
use super::records::{Moment, RecordedSessionEvent, SessionRecord};
use super::store::{self, stored};
use super::{validate, Journal};

/// The raw calls: for the core's own tests and benchmarks only (feature
/// `testing`): they skip readiness, so the facade never exports them.
#[cfg(any(test, feature = "testing"))]
impl Journal {
    /// Records one guided-session event and the state after it, durably, in
    /// one transaction. The first event of a session starts it; only one
    /// session can be in progress at a time.
    pub fn record_session_event(
        &self,
        session_id: &str,
        event_json: &str,
        at: &Moment,
        state_json: &str,
    ) -> Result<RecordedSessionEvent> {
        validate::id("session_id", session_id)?;
        validate::now(at)?;
        validate::session_json("event_json", event_json)?;
        validate::session_json("state_json", state_json)?;
        let id = fresh_id()?;
        self.write(|tx| record_event_in(tx, id, session_id, event_json, at, state_json))
    }

    /// The session still in progress, if any, with its saved state: what the
    /// app resumes after it was killed.
    pub fn in_progress_session(&self) -> Result<Option<InProgressSession>> {
        self.read(|tx| {
            Ok(tx
                .query_row(store::IN_PROGRESS_SQL, [], store::in_progress_row)
                .optional()?)
        })
    }

    /// Stores a finished session, adds one use to its roller and clears the
    /// in-progress state, in one transaction.
    pub fn finish_session(&self, record: &SessionRecord, now: &Moment) -> Result<SessionRecord> {
        validate::now(now)?;
        validate::session(record, now)?;
        let record = SessionRecord {
            started: stored(&record.started),
            ended: stored(&record.ended),
            ..record.clone()
        };
        let device = self.device_id();
        self.write(|tx| {
            record_session_in(tx, &device, &record, now)?;
            Ok(record.clone())
        })
    }

    /// Abandons the session in progress: its saved state is cleared, its
    /// recorded events are kept (nothing the person did is deleted).
    pub fn abandon_session(&self, session_id: &str) -> Result<()> {
        validate::id("session_id", session_id)?;
        self.write(|tx| {
            if !store::end_in_progress(tx, session_id)? {
                return Err(JournalError::not_found(
                    RecordKind::SessionInProgress,
                    session_id,
                ));
            }
            Ok(())
        })
    }
}

impl Journal {
    /// Every recorded event of one session, in order.
    pub fn session_events(&self, session_id: &str) -> Result<Vec<RecordedSessionEvent>> {
        validate::id("session_id", session_id)?;
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM session_events WHERE session_id = ?1 ORDER BY seq",
                store::EVENT_COLS
            ))?;
            let rows = stmt.query_map([session_id], store::event_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }
}

/// Stores a session record, adds one use to its roller and ends "in
/// progress" for it, inside `tx` (the record is validated and stored-exact).
pub(super) fn record_session_in(
    tx: &rusqlite::Transaction<'_>,
    device: &str,
    record: &SessionRecord,
    now: &Moment,
) -> Result<()> {
    store::require(tx, RecordKind::Roller, &record.roller_id)?;
    if store::exists(tx, "sessions", &record.id)? {
        return Err(JournalError::NotAllowed(format!(
            "session {} is already recorded",
            record.id
        )));
    }
    store::insert_session(tx, record)?;
    tx.execute(
        "UPDATE rollers SET uses = uses + 1 WHERE id = ?1",
        [&record.roller_id],
    )?;
    store::end_in_progress(tx, &record.id)?;
    super::sync::rows::stamp_new(tx, device, "sessions", &record.id, now)
}

/// Writes one guided-session event and the state after it inside `tx`: the
/// body of [`Journal::record_session_event`], shared with the journal-backed
/// guided session (`guided.rs`), which computes the state in the same
/// transaction.
pub(super) fn record_event_in(
    tx: &rusqlite::Transaction<'_>,
    id: String,
    session_id: &str,
    event_json: &str,
    at: &Moment,
    state_json: &str,
) -> Result<RecordedSessionEvent> {
    // One step: who is in progress, and this session's next seq.
    let (current, seq): (Option<String>, u32) = tx
            .prepare_cached(
                "SELECT (SELECT session_id FROM in_progress),
                        (SELECT coalesce(max(seq), 0) + 1 FROM session_events WHERE session_id = ?1)",
            )?
            .query_row([session_id], |row| Ok((row.get(0)?, row.get(1)?)))?;
    match current {
        Some(other) if other != session_id => {
            return Err(JournalError::NotAllowed(format!(
                "session {other} is still in progress: finish or abandon it first"
            )))
        }
        Some(_) => {
            // The previous event's state is superseded (usually the same page).
            tx.prepare_cached(
                "UPDATE session_events SET state_json = NULL WHERE session_id = ?1 AND seq = ?2",
            )?
            .execute(params![session_id, seq - 1])?;
        }
        None => {
            if store::exists(tx, "sessions", session_id)? {
                return Err(JournalError::NotAllowed(format!(
                    "session {session_id} has already finished"
                )));
            }
            store::set_in_progress(tx, session_id)?;
            tx.prepare_cached(
                    "UPDATE session_events SET state_json = NULL WHERE session_id = ?1 AND state_json IS NOT NULL",
                )?
                .execute([session_id])?;
        }
    }
    let event = RecordedSessionEvent {
        id,
        session_id: session_id.to_string(),
        seq,
        at: stored(at),
        event_json: event_json.to_string(),
    };
    store::insert_event(tx, &event, Some(state_json))?;
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, journal};
    use super::super::*;
    use crate::protocol::{AreaEndpoint, FacialArea};

    #[test]
    fn events_and_state_land_together_and_finish_clears_them() {
        let (_dir, j) = journal();
        let roller = j
            .add_roller(
                &NewRoller {
                    needle_mm: 0.25,
                    first_use: at(0),
                    uses_so_far: 0,
                },
                &at(0),
            )
            .unwrap();
        let sid = Journal::new_id().unwrap();
        j.record_session_event(&sid, r#"{"e":1}"#, &at(10), r#"{"v":1,"s":"a"}"#)
            .unwrap();
        let second = j
            .record_session_event(&sid, r#"{"e":2}"#, &at(20), r#"{"v":1,"s":"b"}"#)
            .unwrap();
        assert_eq!(second.seq, 2);
        let resumed = j.in_progress_session().unwrap().unwrap();
        assert_eq!(
            (resumed.session_id.as_str(), resumed.state_json.as_str()),
            (sid.as_str(), r#"{"v":1,"s":"b"}"#)
        );

        let other = Journal::new_id().unwrap();
        let err = j
            .record_session_event(&other, "{}", &at(30), "{}")
            .unwrap_err();
        assert!(matches!(err, JournalError::NotAllowed(_)));

        let record = SessionRecord {
            id: sid.clone(),
            roller_id: roller.id.clone(),
            started: at(10),
            ended: at(600),
            outcome: SessionOutcome::Completed,
            areas: vec![AreaRecord {
                area: FacialArea::LeftCheek,
                vertical_passes: 6,
                horizontal_passes: 6,
                endpoint: AreaEndpoint::PinpointBleeding,
            }],
            discomfort: Some(3),
            notes: "fine".into(),
        };
        j.finish_session(&record, &at(600)).unwrap();
        assert_eq!(j.in_progress_session().unwrap(), None);
        assert_eq!(j.session_events(&sid).unwrap().len(), 2);
        assert!(matches!(
            j.record_session_event(&sid, "{}", &at(700), "{}"),
            Err(JournalError::NotAllowed(_))
        ));
        assert!(matches!(
            j.finish_session(&record, &at(700)),
            Err(JournalError::NotAllowed(_))
        ));
    }

    #[test]
    fn abandoning_keeps_the_events() {
        let (_dir, j) = journal();
        let sid = Journal::new_id().unwrap();
        j.record_session_event(&sid, "{}", &at(1), "{}").unwrap();
        j.abandon_session(&sid).unwrap();
        assert_eq!(j.in_progress_session().unwrap(), None);
        assert_eq!(j.session_events(&sid).unwrap().len(), 1);
        assert!(matches!(
            j.abandon_session(&sid),
            Err(JournalError::NotFound { .. })
        ));
    }

    #[test]
    fn bad_session_input_names_the_field() {
        let (_dir, j) = journal();
        let sid = Journal::new_id().unwrap();
        assert_eq!(
            j.record_session_event("nope", "{}", &at(1), "{}")
                .unwrap_err()
                .field(),
            Some("session_id")
        );
        assert_eq!(
            j.record_session_event(&sid, "{", &at(1), "{}")
                .unwrap_err()
                .field(),
            Some("event_json")
        );
        assert_eq!(j.in_progress_session().unwrap(), None);
    }
}
