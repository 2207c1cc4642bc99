//! Readiness from the journal: the facts a session's safety check needs
//! (the profile, the roller, the last session, patch tests, a red-flag
//! hold), read in one snapshot and handed to `protocol::check_readiness`.

use rusqlite::{OptionalExtension, Transaction};

use super::error::Result;
use super::records::Moment;
use super::{store, validate, Journal};
use crate::protocol::{check_readiness, ContraindicationAnswer, ReadinessCheck, ReadinessFacts};

impl Journal {
    /// Whether a session may start now with this roller: the journal
    /// supplies skin, experience, the last session, the roller's uses,
    /// whether this needle length was rolled before (else a patch test is
    /// advised) and any red flag not yet confirmed as cleared; the person
    /// supplies tonight's contraindication answers.
    pub fn check_readiness(
        &self,
        roller_id: &str,
        answers: &[ContraindicationAnswer],
        now: &Moment,
    ) -> Result<ReadinessCheck> {
        validate::id("roller_id", roller_id)?;
        validate::now(now)?;
        let facts = self.read(|tx| {
            let profile = store::profile(tx)?;
            let roller = store::roller(tx, roller_id)?;
            let last = last_session_end(tx)?;
            let rolled_this_length: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sessions s JOIN rollers r ON r.id = s.roller_id
                                WHERE r.needle_um = (SELECT needle_um FROM rollers WHERE id = ?1))",
                [roller_id],
                |row| row.get(0),
            )?;
            let hold: bool = tx.query_row(
                &format!(
                    "SELECT EXISTS (SELECT 1 FROM check_ins WHERE {})",
                    store::UNCLEARED_RED_FLAG
                ),
                [],
                |row| row.get(0),
            )?;
            Ok(ReadinessFacts {
                needle_mm: roller.needle_mm,
                sensitivity: profile.sensitivity,
                experience: profile.experience,
                last_session_utc_offset_minutes: last.as_ref().map(|m| m.utc_offset_minutes),
                last_session_end: last.map(|m| m.at),
                roller_uses: roller.uses,
                patch_test_done: rolled_this_length,
                contraindications: answers.to_vec(),
                now: now.clone(),
                red_flag_hold: hold,
            })
        })?;
        Ok(check_readiness(&facts)?)
    }
}

fn last_session_end(tx: &Transaction<'_>) -> Result<Option<Moment>> {
    Ok(tx
        .query_row(
            "SELECT ended_ms, ended_offset, ended_zone FROM sessions
             ORDER BY ended_ms DESC, id DESC LIMIT 1",
            [],
            |row| store::moment_at(row, 0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::testing::{at, journal, person_with_roller};
    use crate::journal::{
        AreaRecord, CheckInInput, CheckInKind, JournalError, SessionOutcome, SessionRecord,
    };
    use crate::protocol::readiness::testing::all_no;
    use crate::protocol::{AreaEndpoint, FacialArea, ReadinessCode, ReadinessVerdict};

    fn setup(journal: &Journal) -> String {
        person_with_roller(journal, 0)
    }

    fn finish(journal: &Journal, roller_id: &str, end: i64) -> String {
        let id = Journal::new_id().unwrap();
        journal
            .finish_session(
                &SessionRecord {
                    id: id.clone(),
                    roller_id: roller_id.into(),
                    started: at(end - 1200),
                    ended: at(end),
                    outcome: SessionOutcome::Completed,
                    areas: vec![AreaRecord {
                        area: FacialArea::Forehead,
                        vertical_passes: 6,
                        horizontal_passes: 6,
                        endpoint: AreaEndpoint::PassesCompleted,
                    }],
                    discomfort: Some(3),
                    notes: String::new(),
                },
                &at(end),
            )
            .unwrap();
        id
    }

    #[test]
    fn readiness_reads_the_journal() {
        let (_dir, journal) = journal();
        assert!(matches!(
            journal.check_readiness("no-such-roller-id-000000000000000", &all_no(), &at(0)),
            Err(JournalError::NotFound {
                what: crate::journal::RecordKind::Profile,
                ..
            } | JournalError::Input(_))
        ));
        let roller = setup(&journal);
        let first = journal
            .check_readiness(&roller, &all_no(), &at(60))
            .unwrap();
        assert_eq!(first.verdict, ReadinessVerdict::ReadyWithAdvice);
        assert_eq!(first.reasons[0].code, ReadinessCode::PatchTest);

        let day = 86_400;
        let session = finish(&journal, &roller, day);
        let twelve_days = journal
            .check_readiness(&roller, &all_no(), &at(13 * day))
            .unwrap();
        assert_eq!(twelve_days.verdict, ReadinessVerdict::TooEarly);
        assert!(twelve_days
            .reasons
            .iter()
            .all(|r| r.code != ReadinessCode::PatchTest));

        // A red flag holds the next session back until it is confirmed cleared.
        let check_in = journal
            .record_check_in(
                &CheckInInput {
                    session_id: session,
                    kind: CheckInKind::FollowUp,
                    at: at(5 * day),
                    stinging: false,
                    redness: true,
                    dryness: false,
                    swelling: false,
                    swelling_spreading: false,
                    pus: true,
                    fever: false,
                    notes: String::new(),
                },
                &at(5 * day),
            )
            .unwrap();
        let held = journal
            .check_readiness(&roller, &all_no(), &at(40 * day))
            .unwrap();
        assert_eq!(held.verdict, ReadinessVerdict::Postponed);
        assert_eq!(held.reasons[0].code, ReadinessCode::RedFlagHold);
        journal
            .confirm_cleared(&check_in.check_in.id, &at(41 * day))
            .unwrap();
        let cleared = journal
            .check_readiness(&roller, &all_no(), &at(41 * day))
            .unwrap();
        assert_eq!(cleared.verdict, ReadinessVerdict::Ready);
    }
}
