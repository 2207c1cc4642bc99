//! The queries a screen needs, each one call and one consistent snapshot.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::error::{JournalError, RecordKind, Result};
use super::records::{Moment, Photo, Profile, Roller, Scar, ScarRating, SessionRecord};
use super::store;
use super::writes::{judge_check_in, CheckInOutcome};
use super::{validate, Journal};
use crate::error::InputError;
use crate::protocol::{NeedleLength, RedFlag, Rhythm, TABLE};
use crate::time::{offset, CalendarDate};

/// The most timeline items one page returns.
pub const TIMELINE_PAGE_MAX: u32 = 500;

/// What a timeline item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// A finished session (at its end).
    Session,
    /// A check-in.
    CheckIn,
    /// A scar rating.
    Rating,
    /// A progress photo.
    Photo,
}

/// One row of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TimelineItem {
    /// What it is.
    pub kind: TimelineKind,
    /// The record id (open it with the matching query).
    pub id: String,
    /// When.
    pub at: Moment,
    /// The local date it happened on, in the offset of that moment.
    pub local_date: CalendarDate,
    /// A short line for the list ("discomfort 3/10", "red flag", …).
    pub summary: String,
}

/// Where the next page starts: pass the last item's `at` and `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TimelineCursor {
    /// The last item's instant.
    pub at: crate::time::UtcDateTime,
    /// The last item's id.
    pub id: String,
}

/// One page of the timeline, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TimelinePage {
    /// The items, newest first.
    pub items: Vec<TimelineItem>,
    /// The cursor for the next page, or none at the end.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub next: Option<TimelineCursor>,
}

/// One session in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionDetail {
    /// The session with its areas.
    pub session: SessionRecord,
    /// The roller used.
    pub roller: Roller,
    /// Its check-ins, oldest first, each with its judgement.
    pub check_ins: Vec<CheckInOutcome>,
}

/// A scar with its ratings over time, for a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ScarSeries {
    /// The scar (its baseline is the first point of the chart).
    pub scar: Scar,
    /// Its ratings, oldest first.
    pub ratings: Vec<ScarRating>,
}

/// Sessions done against sessions due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionCounts {
    /// The local date of the first session.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub first_session: Option<CalendarDate>,
    /// The local date of the latest session.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub last_session: Option<CalendarDate>,
    /// The rhythm of the latest session's roller.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub rhythm: Option<Rhythm>,
    /// Sessions done.
    pub sessions_done: u32,
    /// Sessions due since the first one, counting it (monthly rhythm: one a
    /// month, on the same day, clamped to the month's end). With a rhythm the
    /// person sets, this equals `sessions_done`.
    pub sessions_due: u32,
}

/// A roller's wear.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct RollerWear {
    /// The roller.
    pub roller: Roller,
    /// Sessions recorded with it in this journal.
    pub sessions: u32,
    /// The protocol's replacement threshold, in uses.
    pub replace_after_uses: u32,
    /// In use and at or past the threshold: replace it.
    pub replace_now: bool,
}

/// Simple totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct JournalTotals {
    /// Rollers, retired included.
    pub rollers: u64,
    /// Finished sessions.
    pub sessions: u64,
    /// Guided-session events recorded.
    pub session_events: u64,
    /// Check-ins.
    pub check_ins: u64,
    /// Red-flag check-ins not yet confirmed cleared.
    pub open_red_flags: u64,
    /// Scars followed.
    pub scars: u64,
    /// Scar ratings.
    pub ratings: u64,
    /// Progress photos.
    pub photos: u64,
}

/// Why the next session is held back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionHold {
    /// The red-flag check-in; confirm it cleared to lift the hold.
    pub check_in_id: String,
    /// The session it followed.
    pub session_id: String,
    /// When it was reported.
    pub at: Moment,
    /// The red flags.
    pub red_flags: Vec<RedFlag>,
    /// The advice.
    pub advice: String,
}

/// The local date of a moment, in its own offset.
pub fn local_date(moment: &Moment) -> Result<CalendarDate> {
    let offset = offset(moment.utc_offset_minutes)?;
    Ok(CalendarDate::from_naive(
        moment.at.with_timezone(&offset).date_naive(),
    ))
}

const TIMELINE_SQL: &str = "
SELECT kind, id, t, o, z, summary FROM (
    SELECT 0 AS kind, id, ended_ms AS t, ended_offset AS o, ended_zone AS z,
           coalesce('discomfort ' || discomfort || '/10', 'not rated yet') AS summary FROM sessions
    UNION ALL
    SELECT 1, id, at_ms, at_offset, at_zone,
           CASE WHEN red_flag = 0 THEN 'normal course'
                WHEN cleared_ms IS NULL THEN 'red flag' ELSE 'red flag, cleared' END FROM check_ins
    UNION ALL
    SELECT 2, id, at_ms, at_offset, at_zone, 'rating ' || rating || '/10' FROM scar_ratings
    UNION ALL
    SELECT 3, id, taken_ms, taken_offset, taken_zone, area FROM photos
)
WHERE (t, id) < (?1, ?2)
ORDER BY t DESC, id DESC
LIMIT ?3";

fn count(conn: &Connection, sql: &str) -> Result<u64> {
    let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

impl Journal {
    /// The profile, if set.
    pub fn profile(&self) -> Result<Option<Profile>> {
        self.read(|tx| store::find_profile(tx))
    }

    /// The timeline, newest first, `limit` items from `after` (or the newest).
    pub fn timeline(&self, after: Option<&TimelineCursor>, limit: u32) -> Result<TimelinePage> {
        if limit == 0 || limit > TIMELINE_PAGE_MAX {
            return Err(
                InputError::new("limit", format!("must be 1 to {TIMELINE_PAGE_MAX}")).into(),
            );
        }
        let (before_ms, before_id) = match after {
            Some(cursor) => {
                validate::id("after.id", &cursor.id)?;
                (cursor.at.timestamp_millis(), cursor.id.clone())
            }
            None => (i64::MAX, String::new()),
        };
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(TIMELINE_SQL)?;
            let rows = stmt.query_map(params![before_ms, before_id, limit], |row| {
                let kind = match row.get::<_, i64>(0)? {
                    0 => TimelineKind::Session,
                    1 => TimelineKind::CheckIn,
                    2 => TimelineKind::Rating,
                    _ => TimelineKind::Photo,
                };
                Ok((
                    kind,
                    row.get::<_, String>(1)?,
                    store::moment_at(row, 2)?,
                    row.get::<_, String>(5)?,
                ))
            })?;
            let mut items = Vec::new();
            for row in rows {
                let (kind, id, at, summary) = row?;
                items.push(TimelineItem {
                    kind,
                    id,
                    local_date: local_date(&at)?,
                    at,
                    summary,
                });
            }
            let next = match items.last() {
                Some(last) if items.len() == limit as usize => Some(TimelineCursor {
                    at: last.at.at,
                    id: last.id.clone(),
                }),
                _ => None,
            };
            Ok(TimelinePage { items, next })
        })
    }

    /// One session in full: areas, roller, check-ins with their judgements.
    pub fn session_detail(&self, session_id: &str) -> Result<SessionDetail> {
        validate::id("session_id", session_id)?;
        self.read(|tx| {
            let mut session = tx
                .query_row(
                    &format!("SELECT {} FROM sessions WHERE id = ?1", store::SESSION_COLS),
                    [session_id],
                    store::session_row,
                )
                .optional()?
                .ok_or_else(|| JournalError::not_found(RecordKind::Session, session_id))?;
            session.areas = store::session_areas(tx, session_id)?;
            let roller = store::roller(tx, &session.roller_id)?;
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM check_ins WHERE session_id = ?1 ORDER BY at_ms, id",
                store::CHECK_IN_COLS
            ))?;
            let check_ins: Vec<_> = stmt
                .query_map([session_id], store::check_in_row)?
                .collect::<rusqlite::Result<_>>()?;
            let check_ins = check_ins
                .into_iter()
                .map(|check_in| {
                    Ok(CheckInOutcome {
                        judgement: judge_check_in(tx, &check_in.input)?,
                        check_in,
                    })
                })
                .collect::<Result<_>>()?;
            Ok(SessionDetail {
                session,
                roller,
                check_ins,
            })
        })
    }

    /// Every scar followed, oldest first.
    pub fn scars(&self) -> Result<Vec<Scar>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM scars ORDER BY created_ms, id",
                store::SCAR_COLS
            ))?;
            let rows = stmt.query_map([], store::scar_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// A scar's rating series, for a chart.
    pub fn scar_series(&self, scar_id: &str) -> Result<ScarSeries> {
        validate::id("scar_id", scar_id)?;
        self.read(|tx| {
            let scar = tx
                .query_row(
                    &format!("SELECT {} FROM scars WHERE id = ?1", store::SCAR_COLS),
                    [scar_id],
                    store::scar_row,
                )
                .optional()?
                .ok_or_else(|| JournalError::not_found(RecordKind::Scar, scar_id))?;
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM scar_ratings WHERE scar_id = ?1 ORDER BY at_ms, id",
                store::RATING_COLS
            ))?;
            let ratings = stmt
                .query_map([scar_id], store::rating_row)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ScarSeries { scar, ratings })
        })
    }

    /// Every progress photo, newest first.
    pub fn photos(&self) -> Result<Vec<Photo>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {} FROM photos ORDER BY taken_ms DESC, id DESC",
                store::PHOTO_COLS
            ))?;
            let rows = stmt.query_map([], store::photo_row)?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Sessions done against sessions due, up to `now`.
    pub fn adherence(&self, now: &Moment) -> Result<SessionCounts> {
        validate::now(now)?;
        self.read(|tx| {
            let done: u32 = tx.query_row("SELECT count(*) FROM sessions", [], |row| row.get(0))?;
            let first: Option<Moment> = tx
                .query_row(
                    "SELECT started_ms, started_offset, started_zone FROM sessions ORDER BY started_ms, id LIMIT 1",
                    [],
                    |row| store::moment_at(row, 0),
                )
                .optional()?;
            let last: Option<(Moment, u32)> = tx
                .query_row(
                    "SELECT s.started_ms, s.started_offset, s.started_zone, r.needle_um
                     FROM sessions s JOIN rollers r ON r.id = s.roller_id
                     ORDER BY s.started_ms DESC, s.id DESC LIMIT 1",
                    [],
                    |row| Ok((store::moment_at(row, 0)?, row.get(3)?)),
                )
                .optional()?;
            let (Some(first), Some((last, needle_um))) = (first, last) else {
                return Ok(SessionCounts {
                    first_session: None,
                    last_session: None,
                    rhythm: None,
                    sessions_done: done,
                    sessions_due: 0,
                });
            };
            let needle = NeedleLength::from_mm_for("needle_um", f64::from(needle_um) / 1000.0)
                .map_err(|e| JournalError::Corrupt(e.to_string()))?;
            let rhythm = TABLE.band_for(needle).rhythm;
            let first_date = local_date(&first)?;
            let today = now.at.with_timezone(&offset(now.utc_offset_minutes)?).date_naive();
            let due = match rhythm {
                Rhythm::Monthly => months_since(first_date.to_naive_for("first_session")?, today)
                    .saturating_add(1)
                    .max(done),
                Rhythm::PersonSet => done,
            };
            Ok(SessionCounts {
                first_session: Some(first_date),
                last_session: Some(local_date(&last)?),
                rhythm: Some(rhythm),
                sessions_done: done,
                sessions_due: due,
            })
        })
    }

    /// Each roller's wear, newest first.
    pub fn roller_wear(&self) -> Result<Vec<RollerWear>> {
        self.read(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {}, (SELECT count(*) FROM sessions s WHERE s.roller_id = rollers.id)
                 FROM rollers ORDER BY first_use_ms DESC, id DESC",
                store::ROLLER_COLS
            ))?;
            let rows = stmt.query_map([], |row| {
                Ok((store::roller_row(row)?, row.get::<_, u32>(9)?))
            })?;
            let limit = TABLE.roller_replace_after_uses;
            rows.map(|row| {
                let (roller, sessions) = row?;
                Ok(RollerWear {
                    replace_now: roller.retired.is_none() && roller.uses >= limit,
                    roller,
                    sessions,
                    replace_after_uses: limit,
                })
            })
            .collect()
        })
    }

    /// Simple totals.
    pub fn totals(&self) -> Result<JournalTotals> {
        self.read(|tx| {
            Ok(JournalTotals {
                rollers: count(tx, "SELECT count(*) FROM rollers")?,
                sessions: count(tx, "SELECT count(*) FROM sessions")?,
                session_events: count(tx, "SELECT count(*) FROM session_events")?,
                check_ins: count(tx, "SELECT count(*) FROM check_ins")?,
                open_red_flags: count(
                    tx,
                    &format!(
                        "SELECT count(*) FROM check_ins WHERE {}",
                        store::UNCLEARED_RED_FLAG
                    ),
                )?,
                scars: count(tx, "SELECT count(*) FROM scars")?,
                ratings: count(tx, "SELECT count(*) FROM scar_ratings")?,
                photos: count(tx, "SELECT count(*) FROM photos")?,
            })
        })
    }

    /// The red flag holding the next session back, if any (the newest one).
    pub fn session_hold(&self) -> Result<Option<SessionHold>> {
        self.read(|tx| {
            let check_in = tx
                .query_row(
                    &format!(
                        "SELECT {} FROM check_ins WHERE {}
                         ORDER BY at_ms DESC, id DESC LIMIT 1",
                        store::CHECK_IN_COLS,
                        store::UNCLEARED_RED_FLAG
                    ),
                    [],
                    store::check_in_row,
                )
                .optional()?;
            let Some(check_in) = check_in else {
                return Ok(None);
            };
            let judgement = judge_check_in(tx, &check_in.input)?;
            Ok(Some(SessionHold {
                check_in_id: check_in.id,
                session_id: check_in.input.session_id,
                at: check_in.input.at,
                red_flags: judgement.red_flags,
                advice: judgement.advice,
            }))
        })
    }
}

/// Whole months from `first` to `today`: month `n` counts once its day (the
/// first date's day, clamped to the month's end) is reached.
fn months_since(first: NaiveDate, today: NaiveDate) -> u32 {
    if today <= first {
        return 0;
    }
    let mut months =
        (today.year() - first.year()) * 12 + today.month() as i32 - first.month() as i32;
    let days_in_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day());
    if today.day() < first.day().min(days_in_month) {
        months -= 1;
    }
    u32::try_from(months.max(0)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn months_count_on_the_clamped_day() {
        assert_eq!(months_since(d(2026, 1, 31), d(2026, 2, 27)), 0);
        assert_eq!(months_since(d(2026, 1, 31), d(2026, 2, 28)), 1);
        assert_eq!(months_since(d(2026, 1, 15), d(2026, 3, 14)), 1);
        assert_eq!(months_since(d(2026, 1, 15), d(2027, 1, 15)), 12);
        assert_eq!(months_since(d(2026, 1, 15), d(2025, 1, 15)), 0);
    }
}
