//! Import of a JSON export into an empty journal, in one transaction: every
//! record is validated as if it were entered, and nothing is written unless
//! all of it is. Imported records get one fresh sync stamp.

use std::io::Read;

use serde::Deserialize;

use super::error::{JournalError, RecordKind, Result};
use super::export_json::{EXPORT_VERSION, FORMAT};
use super::records::{
    CheckIn, InProgressSession, Moment, PatchTest, Photo, Profile, RecordedSessionEvent, Roller,
    Scar, ScarRating, SessionRecord,
};
use super::store;
use super::validate;
use super::writes::judge_check_in;
use super::Journal;
use crate::error::InputError;
use crate::protocol::NeedleLength;

#[derive(Debug, Deserialize)]
struct Header {
    format: String,
    version: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Dump {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    profile: Option<Profile>,
    in_progress: Option<InProgressSession>,
    rollers: Vec<Roller>,
    sessions: Vec<SessionRecord>,
    session_events: Vec<RecordedSessionEvent>,
    check_ins: Vec<CheckIn>,
    scars: Vec<Scar>,
    scar_ratings: Vec<ScarRating>,
    photos: Vec<Photo>,
    #[serde(default)]
    patch_tests: Vec<PatchTest>,
}

fn json_error(e: serde_json::Error) -> JournalError {
    InputError::new("json", format!("not a journal export: {e}")).into()
}

fn id(field: &'static str, value: &str) -> Result<()> {
    Ok(validate::id(field, value)?)
}

impl Journal {
    /// Imports a JSON export into this journal, which must be empty. `now`
    /// judges "far future" times, as for any write.
    pub fn import_json<R: Read>(&self, input: R, now: &Moment) -> Result<()> {
        validate::now(now)?;
        let mut bytes = Vec::new();
        let mut input = input;
        input.read_to_end(&mut bytes)?;
        // The header first (other fields skipped), so a newer export is
        // reported as newer rather than as malformed.
        let header: Header = serde_json::from_slice(&bytes).map_err(json_error)?;
        if header.format != FORMAT {
            return Err(InputError::new(
                "format",
                format!("{:?} is not {FORMAT:?}", header.format),
            )
            .into());
        }
        if header.version > EXPORT_VERSION {
            return Err(JournalError::NewerExport {
                found: header.version,
                supported: EXPORT_VERSION,
            });
        }
        let dump: Dump = serde_json::from_slice(&bytes).map_err(json_error)?;
        drop(bytes);
        let device = self.device_id();
        self.write(|tx| {
            let totals: i64 = tx.query_row(
                "SELECT (SELECT count(*) FROM profile) + (SELECT count(*) FROM rollers)
                  + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM session_events)
                  + (SELECT count(*) FROM in_progress) + (SELECT count(*) FROM check_ins)
                  + (SELECT count(*) FROM scars) + (SELECT count(*) FROM scar_ratings)
                  + (SELECT count(*) FROM photos) + (SELECT count(*) FROM patch_tests)",
                [],
                |row| row.get(0),
            )?;
            if totals > 0 {
                return Err(JournalError::NotAllowed(
                    "import needs an empty journal; this one already holds records".into(),
                ));
            }
            if let Some(profile) = &dump.profile {
                id("profile.id", &profile.id)?;
                validate::profile(&super::records::ProfileInput {
                    sensitivity: Some(profile.sensitivity),
                    experience: Some(profile.experience),
                    bedtime: Some(crate::schedule::TimeOfDay {
                        hour: profile.bedtime_hour,
                        minute: profile.bedtime_minute,
                    }),
                    time_zone: Some(profile.time_zone.clone()),
                })?;
                validate::moment("profile.updated", &profile.updated, now)?;
                store::put_profile(tx, profile)?;
            }
            for roller in &dump.rollers {
                id("rollers.id", &roller.id)?;
                let needle = NeedleLength::from_mm(roller.needle_mm)?;
                validate::moment("rollers.first_use", &roller.first_use, now)?;
                if let Some(retired) = &roller.retired {
                    validate::moment("rollers.retired", retired, now)?;
                }
                store::insert_roller(tx, roller, needle)?;
            }
            for session in &dump.sessions {
                validate::session(session, now)?;
                store::require(tx, RecordKind::Roller, &session.roller_id)?;
                store::insert_session(tx, session)?;
            }
            let mut event_ids = std::collections::HashSet::with_capacity(dump.session_events.len());
            for event in &dump.session_events {
                id("session_events.id", &event.id)?;
                if !event_ids.insert(event.id.as_str()) {
                    return Err(InputError::new(
                        "session_events.id",
                        format!("{} appears twice", event.id),
                    )
                    .into());
                }
                id("session_events.session_id", &event.session_id)?;
                validate::moment("session_events.at", &event.at, now)?;
                validate::session_json("event_json", &event.event_json)?;
                store::insert_event(tx, event, None)?;
            }
            if let Some(in_progress) = &dump.in_progress {
                id("in_progress.session_id", &in_progress.session_id)?;
                validate::moment("in_progress.updated", &in_progress.updated, now)?;
                validate::session_json("state_json", &in_progress.state_json)?;
                if store::exists(tx, "sessions", &in_progress.session_id)? {
                    return Err(InputError::new(
                        "in_progress.session_id",
                        "names a session that has finished",
                    )
                    .into());
                }
                // The state sits on the session's latest event, at its time.
                let latest = tx
                    .prepare_cached(
                        "UPDATE session_events SET state_json = ?2
                         WHERE session_id = ?1 AND at_ms = ?3
                           AND seq = (SELECT max(seq) FROM session_events WHERE session_id = ?1)",
                    )?
                    .execute(rusqlite::params![
                        in_progress.session_id,
                        in_progress.state_json,
                        store::ms(&in_progress.updated)
                    ])?;
                if latest != 1 {
                    return Err(InputError::new(
                        "in_progress",
                        "does not match the latest event of its session",
                    )
                    .into());
                }
                store::set_in_progress(tx, &in_progress.session_id)?;
            }
            for check_in in &dump.check_ins {
                id("check_ins.id", &check_in.id)?;
                validate::check_in(&check_in.input, now)?;
                if let Some(cleared) = &check_in.cleared {
                    validate::moment("check_ins.cleared", cleared, now)?;
                }
                let judgement = judge_check_in(tx, &check_in.input)?;
                store::insert_check_in(tx, check_in, judgement.hold_next_session)?;
            }
            for scar in &dump.scars {
                id("scars.id", &scar.id)?;
                validate::scar(&scar.input)?;
                validate::moment("scars.created", &scar.created, now)?;
                store::insert_scar(tx, scar)?;
            }
            for rating in &dump.scar_ratings {
                id("scar_ratings.id", &rating.id)?;
                validate::scale("rating", rating.rating)?;
                validate::note("notes", &rating.notes)?;
                validate::moment("scar_ratings.at", &rating.at, now)?;
                store::require(tx, RecordKind::Scar, &rating.scar_id)?;
                store::insert_rating(tx, rating)?;
            }
            for photo in &dump.photos {
                id("photos.id", &photo.id)?;
                validate::photo(&photo.input, now)?;
                if let Some(session_id) = &photo.input.session_id {
                    store::require(tx, RecordKind::Session, session_id)?;
                }
                store::insert_photo(tx, photo)?;
            }
            for test in &dump.patch_tests {
                id("patch_tests.id", &test.id)?;
                let needle = NeedleLength::from_mm(test.needle_mm)?;
                validate::moment("patch_tests.started", &test.started, now)?;
                if let Some(read) = &test.read {
                    validate::moment("patch_tests.read", read, now)?;
                }
                if test.read.is_some() != test.result.is_some() {
                    return Err(InputError::new(
                        "patch_tests.result",
                        "a patch test is read and has a result, or neither",
                    )
                    .into());
                }
                validate::note("notes", &test.notes)?;
                store::insert_patch_test(tx, test, needle)?;
            }
            // Imported records are new to this journal: one fresh stamp.
            super::sync::rows::stamp_unstamped(tx, &device, now)
        })
    }
}
