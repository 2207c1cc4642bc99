//! Patch tests: before the first session on the face (and before a longer
//! needle), a small spot on the inner forearm is rolled with the needle
//! length to be used and watched for the protocol's wait. The journal keeps
//! each test: started with a needle length, then read as passed or reacted.
//! A reaction may be recorded at any time; "passed" only once the wait is
//! over. Readiness and the notification plan read these records.

use chrono::Duration;
use rusqlite::{params, OptionalExtension};

use super::error::{JournalError, RecordKind, Result};
use super::records::{Moment, PatchTest, PatchTestResult};
use super::store::{self, stored};
use super::sync::rows::{stamp_fields, stamp_new};
use super::{fresh_id, validate, Journal};
use crate::protocol::{NeedleLength, TABLE};
use crate::time::UtcDateTime;

/// When a patch test started at `started` may be read as passed.
pub fn readable_from(started: &Moment) -> Option<UtcDateTime> {
    started
        .at
        .checked_add_signed(Duration::hours(i64::from(TABLE.patch_test_wait_hours)))
}

/// The patch test still being watched (started, not yet read), if any.
pub(crate) fn pending(conn: &rusqlite::Connection) -> Result<Option<PatchTest>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {} FROM patch_tests WHERE result IS NULL
                 ORDER BY started_ms DESC, id DESC LIMIT 1",
                store::PATCH_TEST_COLS
            ),
            [],
            store::patch_test_row,
        )
        .optional()?)
}

/// Every patch test, oldest first.
pub(crate) fn all(conn: &rusqlite::Connection) -> Result<Vec<PatchTest>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM patch_tests ORDER BY started_ms, id",
        store::PATCH_TEST_COLS
    ))?;
    let rows = stmt.query_map([], store::patch_test_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Journal {
    /// Starts a patch test with a needle length (the spot is rolled now).
    /// Only one patch test is watched at a time.
    pub fn start_patch_test(&self, needle_mm: f64, notes: &str, now: &Moment) -> Result<PatchTest> {
        validate::now(now)?;
        let needle = NeedleLength::from_mm(needle_mm)?;
        validate::note("notes", notes)?;
        let test = PatchTest {
            id: fresh_id()?,
            needle_mm: needle.mm(),
            started: stored(now),
            read: None,
            result: None,
            notes: notes.to_string(),
        };
        let device = self.device_id();
        self.write(|tx| {
            if let Some(open) = pending(tx)? {
                return Err(JournalError::NotAllowed(format!(
                    "the patch test started on {} is still being watched: read it first",
                    super::queries::local_date(&open.started)?
                )));
            }
            store::insert_patch_test(tx, &test, needle)?;
            stamp_new(tx, &device, "patch_tests", &test.id, now)?;
            Ok(test.clone())
        })
    }

    /// Reads a patch test: the spot reacted (at any time), or passed (once
    /// the protocol's wait is over). A test already read is not read again.
    pub fn read_patch_test(
        &self,
        patch_test_id: &str,
        result: PatchTestResult,
        notes: &str,
        now: &Moment,
    ) -> Result<PatchTest> {
        validate::now(now)?;
        validate::id("patch_test_id", patch_test_id)?;
        validate::note("notes", notes)?;
        let device = self.device_id();
        self.write(|tx| {
            let test = tx
                .query_row(
                    &format!(
                        "SELECT {} FROM patch_tests WHERE id = ?1",
                        store::PATCH_TEST_COLS
                    ),
                    [patch_test_id],
                    store::patch_test_row,
                )
                .optional()?
                .ok_or_else(|| JournalError::not_found(RecordKind::PatchTest, patch_test_id))?;
            if test.result.is_some() {
                return Err(JournalError::NotAllowed(
                    "this patch test has already been read".into(),
                ));
            }
            if result == PatchTestResult::Passed {
                let ready = readable_from(&test.started)
                    .ok_or_else(|| JournalError::Corrupt("patch test start out of range".into()))?;
                if now.at < ready {
                    return Err(JournalError::NotAllowed(format!(
                        "the spot is watched for {} hours: it can be read as passed from {}",
                        TABLE.patch_test_wait_hours,
                        crate::time::local_date_time(ready, now.utc_offset_minutes)?
                            .format("%Y-%m-%d %H:%M")
                    )));
                }
            }
            tx.execute(
                "UPDATE patch_tests SET read_ms = ?2, read_offset = ?3, read_zone = ?4,
                    result = ?5, notes = ?6 WHERE id = ?1",
                params![
                    patch_test_id,
                    store::ms(now),
                    now.utc_offset_minutes,
                    now.zone,
                    store::enum_text(&result),
                    notes
                ],
            )?;
            let fields = ["read_ms", "read_offset", "read_zone", "result", "notes"];
            stamp_fields(tx, &device, "patch_tests", patch_test_id, &fields, now)?;
            Ok(PatchTest {
                read: Some(stored(now)),
                result: Some(result),
                notes: notes.to_string(),
                ..test
            })
        })
    }

    /// Every patch test, oldest first.
    pub fn patch_tests(&self) -> Result<Vec<PatchTest>> {
        self.read(|tx| all(tx))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{at, journal};
    use super::*;

    #[test]
    fn a_patch_test_passes_only_after_the_wait_and_reacts_at_any_time() {
        let (_dir, j) = journal();
        let test = j.start_patch_test(0.5, "", &at(0)).unwrap();
        assert!(matches!(
            j.start_patch_test(0.25, "", &at(60)),
            Err(JournalError::NotAllowed(_))
        ));
        let wait = i64::from(TABLE.patch_test_wait_hours) * 3600;
        assert!(matches!(
            j.read_patch_test(&test.id, PatchTestResult::Passed, "", &at(wait - 60)),
            Err(JournalError::NotAllowed(_))
        ));
        let passed = j
            .read_patch_test(&test.id, PatchTestResult::Passed, "calm", &at(wait))
            .unwrap();
        assert_eq!(passed.result, Some(PatchTestResult::Passed));
        assert_eq!(j.patch_tests().unwrap(), vec![passed]);
        let second = j.start_patch_test(0.75, "", &at(wait + 60)).unwrap();
        let reacted = j
            .read_patch_test(
                &second.id,
                PatchTestResult::Reacted,
                "itchy",
                &at(wait + 3600),
            )
            .unwrap();
        assert_eq!(reacted.result, Some(PatchTestResult::Reacted));
        assert!(matches!(
            j.read_patch_test(&second.id, PatchTestResult::Passed, "", &at(3 * wait)),
            Err(JournalError::NotAllowed(_))
        ));
    }

    #[test]
    fn bad_patch_test_input_names_the_field() {
        let (_dir, j) = journal();
        assert_eq!(
            j.start_patch_test(f64::NAN, "", &at(0))
                .unwrap_err()
                .field(),
            Some("needle_mm")
        );
        assert_eq!(
            j.read_patch_test("nope", PatchTestResult::Passed, "", &at(0))
                .unwrap_err()
                .field(),
            Some("patch_test_id")
        );
        assert!(j.patch_tests().unwrap().is_empty());
    }
}
