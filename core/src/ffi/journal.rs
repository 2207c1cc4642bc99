//! The journal facade: one `Journal` object per file, coarse calls for each
//! write and query, records crossing as UniFFI records, errors mapped to
//! `DermarollError` (in `error.rs`). A shell may register a
//! [`JournalObserver`]; it is called after each commit, never while the
//! journal's lock is held.

use std::fs::File;
use std::sync::{Arc, Mutex};

use crate::journal::export_csv::CsvTable;
use crate::journal::queries::{
    JournalTotals, RollerWear, ScarSeries, SessionCounts, SessionDetail, SessionHold,
    TimelineCursor, TimelinePage,
};
use crate::journal::writes::CheckInOutcome;
use crate::journal::{
    self as store, CheckIn, CheckInInput, Moment, NewRoller, Photo, PhotoInput, Profile,
    ProfileInput, RecordedSessionEvent, Roller, Scar, ScarInput, ScarRating,
};

use super::DermarollError;

/// What changed in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum JournalChangeKind {
    /// The profile was set.
    Profile,
    /// A roller was added or retired.
    Roller,
    /// A guided-session event (and the saved state) was recorded.
    SessionEvent,
    /// A session finished or was abandoned.
    Session,
    /// A check-in was recorded or cleared.
    CheckIn,
    /// A scar was added.
    Scar,
    /// A scar was rated.
    Rating,
    /// A photo reference was added.
    Photo,
    /// A whole export was imported.
    Import,
    /// A sync file was merged in, notes were edited, an entry was deleted
    /// or a conflict dismissed.
    Sync,
}

/// One committed change, as told to the observer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JournalChange {
    /// What changed.
    pub kind: JournalChangeKind,
    /// The id of the record written (empty for an import).
    pub id: String,
}

/// Implemented by a shell to hear about committed changes (to refresh a
/// screen). Called after the commit, on the thread that wrote, never while
/// the journal's lock is held; it must return quickly. Whatever it does,
/// throwing included, the write stays committed and is reported as done.
#[uniffi::export(foreign)]
pub trait JournalObserver: Send + Sync {
    /// A change was committed.
    fn journal_changed(&self, change: JournalChange) -> std::result::Result<(), ObserverError>;
}

/// An observer's own failure (a shell's exception arrives as this); the
/// journal ignores it: the change it was told about is committed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ObserverError {
    /// The observer failed.
    #[error("{text}")]
    Failed {
        /// What it reported.
        text: String,
    },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for ObserverError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Failed { text: err.reason }
    }
}

/// The journal on one file in the app's private storage.
#[derive(uniffi::Object)]
pub struct Journal {
    pub(super) inner: store::Journal,
    observer: Mutex<Option<Arc<dyn JournalObserver>>>,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("inner", &self.inner)
            .finish()
    }
}

type Result<T> = std::result::Result<T, DermarollError>;

impl Journal {
    /// The journal behind the facade (for the facade's other files).
    pub(super) fn inner(&self) -> &store::Journal {
        &self.inner
    }

    /// Tells the observer, if any, outside every lock.
    pub(super) fn changed(&self, kind: JournalChangeKind, id: &str) {
        let observer = self
            .observer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        if let Some(observer) = observer {
            let change = JournalChange {
                kind,
                id: id.to_string(),
            };
            // The write is committed: an observer's error or panic must not
            // unwind into the caller or turn a done write into a failure.
            let told = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                observer.journal_changed(change)
            }));
            drop(told);
        }
    }
}

#[uniffi::export]
impl Journal {
    /// Opens (or creates) the journal at `path`, upgrading an older schema
    /// after a backup copy; a newer one is `NewerFormat`, left untouched.
    /// `device_id` names this install in sync: the shell keeps it outside
    /// the journal file (not in a backup) and makes a new one for every
    /// install or restore.
    #[uniffi::constructor]
    pub fn open(path: String, device_id: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Self {
            inner: store::Journal::open(path, &device_id)?,
            observer: Mutex::new(None),
        }))
    }

    /// The folder where the shell saves photo images (beside the journal,
    /// in app-private storage), under the file names it records.
    pub fn photos_folder(&self) -> String {
        self.inner.photos_folder().to_string_lossy().into_owned()
    }

    /// Registers (or, with none, removes) the observer of committed changes.
    pub fn set_observer(&self, observer: Option<Arc<dyn JournalObserver>>) {
        *self
            .observer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = observer;
    }

    /// Sets the person's profile.
    pub fn set_profile(&self, input: ProfileInput, now: Moment) -> Result<Profile> {
        let profile = self.inner.set_profile(&input, &now)?;
        self.changed(JournalChangeKind::Profile, &profile.id);
        Ok(profile)
    }

    /// The profile, if set.
    pub fn profile(&self) -> Result<Option<Profile>> {
        Ok(self.inner.profile()?)
    }

    /// Adds a roller; a bad length is `InvalidInput` on `needle_mm`.
    pub fn add_roller(&self, input: NewRoller, now: Moment) -> Result<Roller> {
        let roller = self.inner.add_roller(&input, &now)?;
        self.changed(JournalChangeKind::Roller, &roller.id);
        Ok(roller)
    }

    /// Retires a roller.
    pub fn retire_roller(&self, roller_id: String, now: Moment) -> Result<Roller> {
        let roller = self.inner.retire_roller(&roller_id, &now)?;
        self.changed(JournalChangeKind::Roller, &roller.id);
        Ok(roller)
    }

    /// Every recorded event of a session, in order.
    pub fn session_events(&self, session_id: String) -> Result<Vec<RecordedSessionEvent>> {
        Ok(self.inner.session_events(&session_id)?)
    }

    /// Records a check-in and judges it against the normal course.
    pub fn record_check_in(&self, input: CheckInInput, now: Moment) -> Result<CheckInOutcome> {
        let outcome = self.inner.record_check_in(&input, &now)?;
        self.changed(JournalChangeKind::CheckIn, &outcome.check_in.id);
        Ok(outcome)
    }

    /// The person confirms a red flag has cleared; the hold lifts.
    pub fn confirm_cleared(&self, check_in_id: String, now: Moment) -> Result<CheckIn> {
        let check_in = self.inner.confirm_cleared(&check_in_id, &now)?;
        self.changed(JournalChangeKind::CheckIn, &check_in.id);
        Ok(check_in)
    }

    /// Starts following a scar.
    pub fn add_scar(&self, input: ScarInput, now: Moment) -> Result<Scar> {
        let scar = self.inner.add_scar(&input, &now)?;
        self.changed(JournalChangeKind::Scar, &scar.id);
        Ok(scar)
    }

    /// Rates a scar, 0 – 10.
    pub fn rate_scar(
        &self,
        scar_id: String,
        rating: u32,
        at: Moment,
        notes: String,
        now: Moment,
    ) -> Result<ScarRating> {
        let record = self.inner.rate_scar(&scar_id, rating, &at, &notes, &now)?;
        self.changed(JournalChangeKind::Rating, &record.id);
        Ok(record)
    }

    /// Records a progress photo's facts (the shell keeps the file).
    pub fn add_photo(&self, input: PhotoInput, now: Moment) -> Result<Photo> {
        let photo = self.inner.add_photo(&input, &now)?;
        self.changed(JournalChangeKind::Photo, &photo.id);
        Ok(photo)
    }

    /// The timeline, newest first: `limit` items after `after` (or the newest).
    pub fn timeline(&self, after: Option<TimelineCursor>, limit: u32) -> Result<TimelinePage> {
        Ok(self.inner.timeline(after.as_ref(), limit)?)
    }

    /// One session in full.
    pub fn session_detail(&self, session_id: String) -> Result<SessionDetail> {
        Ok(self.inner.session_detail(&session_id)?)
    }

    /// Every scar followed.
    pub fn scars(&self) -> Result<Vec<Scar>> {
        Ok(self.inner.scars()?)
    }

    /// A scar's rating series, for a chart.
    pub fn scar_series(&self, scar_id: String) -> Result<ScarSeries> {
        Ok(self.inner.scar_series(&scar_id)?)
    }

    /// Every progress photo, newest first.
    pub fn photos(&self) -> Result<Vec<Photo>> {
        Ok(self.inner.photos()?)
    }

    /// Sessions done against sessions due.
    pub fn adherence(&self, now: Moment) -> Result<SessionCounts> {
        Ok(self.inner.adherence(&now)?)
    }

    /// Each roller's wear.
    pub fn roller_wear(&self) -> Result<Vec<RollerWear>> {
        Ok(self.inner.roller_wear()?)
    }

    /// Simple totals.
    pub fn totals(&self) -> Result<JournalTotals> {
        Ok(self.inner.totals()?)
    }

    /// The red flag holding the next session back, if any.
    pub fn session_hold(&self) -> Result<Option<SessionHold>> {
        Ok(self.inner.session_hold()?)
    }

    /// Writes the whole journal as versioned JSON to `path` (streamed; the
    /// file appears complete or not at all).
    pub fn export_json_to_file(&self, path: String) -> Result<()> {
        write_atomically(&path, |file| self.inner.export_json(file))
    }

    /// Writes one table as CSV to `path` (streamed).
    pub fn export_csv_to_file(&self, table: CsvTable, path: String) -> Result<()> {
        write_atomically(&path, |file| self.inner.export_csv(table, file))
    }

    /// Imports a JSON export from `path` into this journal, which must be empty.
    pub fn import_json_from_file(&self, path: String, now: Moment) -> Result<()> {
        let file = File::open(&path).map_err(store::JournalError::from)?;
        self.inner
            .import_json(std::io::BufReader::new(file), &now)?;
        self.changed(JournalChangeKind::Import, "");
        Ok(())
    }
}

/// Writes through a temporary file beside `path`, then renames it into place
/// (see [`crate::journal::files::write_atomically`]).
pub(super) fn write_atomically(
    path: &str,
    write: impl FnOnce(&mut File) -> store::Result<()>,
) -> Result<()> {
    Ok(store::files::write_atomically(
        std::path::Path::new(path),
        write,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An observer that reads the journal back while being told: it would
    /// deadlock if the journal called it while holding its lock.
    struct ReadsBack {
        journal: Mutex<Option<Arc<Journal>>>,
        seen: Mutex<Vec<(JournalChange, u64)>>,
    }

    impl JournalObserver for ReadsBack {
        fn journal_changed(&self, change: JournalChange) -> std::result::Result<(), ObserverError> {
            let journal = self.journal.lock().unwrap().clone().unwrap();
            let scars = journal.totals().unwrap().scars;
            self.seen.lock().unwrap().push((change, scars));
            Ok(())
        }
    }

    /// An observer that fails: by returning an error, or by panicking.
    struct Fails {
        panics: bool,
    }

    impl JournalObserver for Fails {
        fn journal_changed(&self, _: JournalChange) -> std::result::Result<(), ObserverError> {
            if self.panics {
                panic!("the shell's observer broke");
            }
            Err(ObserverError::Failed {
                text: "refresh failed".into(),
            })
        }
    }

    #[test]
    fn a_failing_observer_never_makes_a_committed_write_look_failed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3").to_string_lossy().into_owned();
        let journal = Journal::open(path, "test-device".into()).unwrap();
        let input = ScarInput {
            name: String::new(),
            area: crate::protocol::FacialArea::Nose,
            kind: crate::journal::ScarKind::Rolling,
            baseline: 5,
            notes: String::new(),
        };
        for panics in [false, true] {
            journal.set_observer(Some(Arc::new(Fails { panics })));
            let scar = journal.add_scar(input.clone(), moment());
            assert!(scar.is_ok(), "{scar:?}");
        }
        assert_eq!(journal.totals().unwrap().scars, 2);
    }

    fn moment() -> Moment {
        Moment {
            at: chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            utc_offset_minutes: 0,
            zone: "UTC".into(),
        }
    }

    #[test]
    fn the_observer_hears_each_commit_outside_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.sqlite3").to_string_lossy().into_owned();
        let journal = Journal::open(path, "test-device".into()).unwrap();
        let observer = Arc::new(ReadsBack {
            journal: Mutex::new(Some(journal.clone())),
            seen: Mutex::new(Vec::new()),
        });
        journal.set_observer(Some(observer.clone()));
        let input = ScarInput {
            area: crate::protocol::FacialArea::Chin,
            kind: crate::journal::ScarKind::Boxcar,
            baseline: 4,
            notes: String::new(),
            name: String::new(),
        };
        let scar = journal.add_scar(input.clone(), moment()).unwrap();
        let bad = journal.rate_scar(scar.id.clone(), 12, moment(), String::new(), moment());
        assert!(
            matches!(bad, Err(DermarollError::InvalidInput { ref field, .. }) if field == "rating")
        );
        let seen = observer.seen.lock().unwrap().clone();
        assert_eq!(
            seen,
            vec![(
                JournalChange {
                    kind: JournalChangeKind::Scar,
                    id: scar.id
                },
                1
            )]
        );
        journal.set_observer(None);
        journal.add_scar(input, moment()).unwrap();
        assert_eq!(observer.seen.lock().unwrap().len(), 1);
        *observer.journal.lock().unwrap() = None;
    }

    #[test]
    fn exports_land_whole_in_the_named_file() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::open(
            dir.path().join("j.sqlite3").to_string_lossy().into_owned(),
            "test-device".into(),
        )
        .unwrap();
        let out = dir
            .path()
            .join("export.json")
            .to_string_lossy()
            .into_owned();
        journal.export_json_to_file(out.clone()).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("{\"format\":\"dermaroll-journal\",\"version\":2"));
        assert!(!std::path::Path::new(&format!("{out}.partial")).exists());
        let missing = dir
            .path()
            .join("no/such/dir/x.csv")
            .to_string_lossy()
            .into_owned();
        assert!(matches!(
            journal.export_csv_to_file(CsvTable::Sessions, missing),
            Err(DermarollError::Storage { .. })
        ));
    }
}
