//! The write API for everything but the guided session: profile, rollers,
//! check-ins, scars, ratings, photos. Each call validates first, then writes
//! in one transaction, and returns the stored record.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::error::{JournalError, RecordKind, Result};
use super::records::{
    CheckIn, CheckInInput, Moment, NewRoller, Photo, PhotoInput, Profile, ProfileInput, Roller,
    Scar, ScarInput, ScarRating,
};
use super::store::{self, stored};
use super::sync::rows::{stamp_fields, stamp_new, PROFILE_KEY};
use super::{fresh_id, validate, Journal};
use crate::error::InputError;
use crate::protocol::{judge_aftercare, AftercareJudgement, AftercareObservation, TABLE};
use crate::schedule::TimeOfDay;

/// A stored check-in with the aftercare judgement on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CheckInOutcome {
    /// The stored check-in.
    pub check_in: CheckIn,
    /// What it means: normal and what comes next, or a red flag with advice.
    pub judgement: AftercareJudgement,
}

/// Judges a check-in against the end of its session (which must exist).
pub(crate) fn judge_check_in(
    conn: &Connection,
    input: &CheckInInput,
) -> Result<AftercareJudgement> {
    let ended_ms: Option<i64> = conn
        .prepare_cached("SELECT ended_ms FROM sessions WHERE id = ?1")?
        .query_row([&input.session_id], |row| row.get(0))
        .optional()?;
    let ended_ms =
        ended_ms.ok_or_else(|| JournalError::not_found(RecordKind::Session, &input.session_id))?;
    let elapsed_ms = store::ms(&input.at) - ended_ms;
    if elapsed_ms < 0 {
        return Err(InputError::new("at", "is before the session ended").into());
    }
    let minutes = u32::try_from(elapsed_ms / 60_000).unwrap_or(u32::MAX);
    Ok(judge_aftercare(&AftercareObservation {
        minutes_since_session: minutes,
        stinging: input.stinging,
        redness: input.redness,
        dryness: input.dryness,
        swelling: input.swelling,
        swelling_spreading: input.swelling_spreading,
        pus: input.pus,
        fever: input.fever,
    }))
}

impl Journal {
    /// Sets the fields of the person's profile that `input` gives (creating
    /// the profile the first time; a field not given keeps its value, or
    /// takes the protocol table's default on a new profile, and the zone
    /// defaults to the device's).
    pub fn set_profile(&self, input: &ProfileInput, now: &Moment) -> Result<Profile> {
        validate::now(now)?;
        validate::profile(input)?;
        let device = self.device_id();
        self.write(|tx| {
            let existing = store::find_profile(tx)?;
            let defaults = TABLE.profile_defaults;
            let bedtime = input.bedtime.unwrap_or(match &existing {
                Some(p) => TimeOfDay {
                    hour: p.bedtime_hour,
                    minute: p.bedtime_minute,
                },
                None => TimeOfDay::from_pair(defaults.bedtime),
            });
            let profile = Profile {
                id: match &existing {
                    Some(p) => p.id.clone(),
                    None => fresh_id()?,
                },
                sensitivity: input
                    .sensitivity
                    .or(existing.as_ref().map(|p| p.sensitivity))
                    .unwrap_or(defaults.sensitivity),
                experience: input
                    .experience
                    .or(existing.as_ref().map(|p| p.experience))
                    .unwrap_or(defaults.experience),
                bedtime_hour: bedtime.hour,
                bedtime_minute: bedtime.minute,
                time_zone: input
                    .time_zone
                    .clone()
                    .or(existing.as_ref().map(|p| p.time_zone.clone()))
                    .unwrap_or_else(|| now.zone.clone()),
                updated: stored(now),
            };
            store::put_profile(tx, &profile)?;
            stamp_new(tx, &device, "profile", PROFILE_KEY, now)?;
            Ok(profile)
        })
    }

    /// Adds a roller. An empty, absurd or non-numeric needle length is an
    /// input error on `needle_mm`.
    pub fn add_roller(&self, input: &NewRoller, now: &Moment) -> Result<Roller> {
        validate::now(now)?;
        let needle = validate::roller(input, now)?;
        let roller = Roller {
            id: fresh_id()?,
            needle_mm: needle.mm(),
            first_use: stored(&input.first_use),
            uses: input.uses_so_far,
            retired: None,
        };
        let device = self.device_id();
        self.write(|tx| {
            store::insert_roller(tx, &roller, needle)?;
            stamp_new(tx, &device, "rollers", &roller.id, now)
        })?;
        Ok(roller)
    }

    /// Retires a roller (it stays in the journal, with its history).
    pub fn retire_roller(&self, roller_id: &str, now: &Moment) -> Result<Roller> {
        validate::now(now)?;
        validate::id("roller_id", roller_id)?;
        let device = self.device_id();
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE rollers SET retired_ms = ?2, retired_offset = ?3, retired_zone = ?4
                 WHERE id = ?1 AND retired_ms IS NULL",
                params![roller_id, store::ms(now), now.utc_offset_minutes, now.zone],
            )?;
            let roller = store::roller(tx, roller_id)?;
            if changed == 0 {
                return Err(JournalError::NotAllowed(
                    "the roller is already retired".into(),
                ));
            }
            let retired = ["retired_ms", "retired_offset", "retired_zone"];
            stamp_fields(tx, &device, "rollers", roller_id, &retired, now)?;
            Ok(roller)
        })
    }

    /// Records a check-in after a session and judges it. A red flag holds
    /// the next session back until [`Journal::confirm_cleared`].
    pub fn record_check_in(&self, input: &CheckInInput, now: &Moment) -> Result<CheckInOutcome> {
        validate::now(now)?;
        validate::check_in(input, now)?;
        let check_in = CheckIn {
            id: fresh_id()?,
            input: CheckInInput {
                at: stored(&input.at),
                ..input.clone()
            },
            cleared: None,
        };
        let device = self.device_id();
        self.write(|tx| {
            let judgement = judge_check_in(tx, &check_in.input)?;
            store::insert_check_in(tx, &check_in, judgement.hold_next_session)?;
            stamp_new(tx, &device, "check_ins", &check_in.id, now)?;
            Ok(CheckInOutcome {
                check_in: check_in.clone(),
                judgement,
            })
        })
    }

    /// The person confirms a red-flag check-in has cleared: the hold lifts.
    pub fn confirm_cleared(&self, check_in_id: &str, now: &Moment) -> Result<CheckIn> {
        validate::now(now)?;
        validate::id("check_in_id", check_in_id)?;
        let device = self.device_id();
        self.write(|tx| {
            let check_in = tx
                .query_row(
                    &format!("SELECT {} FROM check_ins WHERE id = ?1", store::CHECK_IN_COLS),
                    [check_in_id],
                    store::check_in_row,
                )
                .optional()?
                .ok_or_else(|| JournalError::not_found(RecordKind::CheckIn, check_in_id))?;
            if check_in.cleared.is_some() {
                return Ok(check_in);
            }
            tx.execute(
                "UPDATE check_ins SET cleared_ms = ?2, cleared_offset = ?3, cleared_zone = ?4 WHERE id = ?1",
                params![check_in_id, store::ms(now), now.utc_offset_minutes, now.zone],
            )?;
            let cleared = ["cleared_ms", "cleared_offset", "cleared_zone"];
            stamp_fields(tx, &device, "check_ins", check_in_id, &cleared, now)?;
            Ok(CheckIn {
                cleared: Some(stored(now)),
                ..check_in
            })
        })
    }

    /// Starts following a scar.
    pub fn add_scar(&self, input: &ScarInput, now: &Moment) -> Result<Scar> {
        validate::now(now)?;
        validate::scar(input)?;
        let scar = Scar {
            id: fresh_id()?,
            input: input.clone(),
            created: stored(now),
            archived: None,
        };
        let device = self.device_id();
        self.write(|tx| {
            store::insert_scar(tx, &scar)?;
            stamp_new(tx, &device, "scars", &scar.id, now)
        })?;
        Ok(scar)
    }

    /// Renames a scar (an empty name is allowed: the area and kind name it).
    pub fn rename_scar(&self, scar_id: &str, name: &str, now: &Moment) -> Result<Scar> {
        validate::now(now)?;
        validate::id("scar_id", scar_id)?;
        validate::scar_name(name)?;
        let device = self.device_id();
        self.write(|tx| {
            let changed =
                tx.execute("UPDATE scars SET name = ?2 WHERE id = ?1", [scar_id, name])?;
            if changed == 0 {
                return Err(JournalError::not_found(RecordKind::Scar, scar_id));
            }
            stamp_fields(tx, &device, "scars", scar_id, &["name"], now)?;
            store::scar(tx, scar_id)
        })
    }

    /// Archives a scar (the person stops following it; it and its ratings
    /// stay in the journal), or, with `archived` false, follows it again.
    pub fn set_scar_archived(&self, scar_id: &str, archived: bool, now: &Moment) -> Result<Scar> {
        validate::now(now)?;
        validate::id("scar_id", scar_id)?;
        let device = self.device_id();
        self.write(|tx| {
            let scar = store::scar(tx, scar_id)?;
            if scar.archived.is_some() == archived {
                return Ok(scar);
            }
            let when = archived.then(|| stored(now));
            tx.execute(
                "UPDATE scars SET archived_ms = ?2, archived_offset = ?3, archived_zone = ?4 WHERE id = ?1",
                params![
                    scar_id,
                    when.as_ref().map(store::ms),
                    when.as_ref().map(|m| m.utc_offset_minutes),
                    when.as_ref().map(|m| m.zone.as_str())
                ],
            )?;
            let fields = ["archived_ms", "archived_offset", "archived_zone"];
            stamp_fields(tx, &device, "scars", scar_id, &fields, now)?;
            Ok(Scar {
                archived: when,
                ..scar
            })
        })
    }

    /// Rates a scar (0 – 10) at a time.
    pub fn rate_scar(
        &self,
        scar_id: &str,
        rating: u32,
        at: &Moment,
        notes: &str,
        now: &Moment,
    ) -> Result<ScarRating> {
        validate::now(now)?;
        validate::id("scar_id", scar_id)?;
        validate::scale("rating", rating)?;
        validate::moment("at", at, now)?;
        validate::note("notes", notes)?;
        let record = ScarRating {
            id: fresh_id()?,
            scar_id: scar_id.to_string(),
            at: stored(at),
            rating,
            notes: notes.to_string(),
        };
        let device = self.device_id();
        self.write(|tx| {
            store::require(tx, RecordKind::Scar, scar_id)?;
            store::insert_rating(tx, &record)?;
            stamp_new(tx, &device, "scar_ratings", &record.id, now)
        })?;
        Ok(record)
    }

    /// Records a progress photo's facts (the shell keeps the file).
    pub fn add_photo(&self, input: &PhotoInput, now: &Moment) -> Result<Photo> {
        validate::now(now)?;
        validate::photo(input, now)?;
        let photo = Photo {
            id: fresh_id()?,
            input: PhotoInput {
                taken: stored(&input.taken),
                ..input.clone()
            },
        };
        let device = self.device_id();
        self.write(|tx| {
            if let Some(session_id) = &photo.input.session_id {
                store::require(tx, RecordKind::Session, session_id)?;
            }
            store::insert_photo(tx, &photo)?;
            stamp_new(tx, &device, "photos", &photo.id, now)
        })?;
        Ok(photo)
    }
}
