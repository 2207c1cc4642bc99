//! The journal's rich internal error. `ffi::error` turns it into the public
//! `DermarollError` (and nowhere else).

use thiserror::Error;

use crate::error::InputError;

/// Which kind of record a call named (what was not found).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// The person's profile.
    Profile,
    /// A roller.
    Roller,
    /// A recorded session.
    Session,
    /// The guided session in progress.
    SessionInProgress,
    /// A check-in.
    CheckIn,
    /// A scar.
    Scar,
    /// A scar rating.
    ScarRating,
    /// A progress photo.
    Photo,
    /// A patch test.
    PatchTest,
    /// A sync conflict.
    SyncConflict,
    /// A timer the person started.
    Timer,
}

impl RecordKind {
    /// The table that holds this kind of record, where there is one.
    pub fn table(self) -> Option<&'static str> {
        Some(match self {
            Self::Profile => "profile",
            Self::Roller => "rollers",
            Self::Session => "sessions",
            Self::CheckIn => "check_ins",
            Self::Scar => "scars",
            Self::ScarRating => "scar_ratings",
            Self::Photo => "photos",
            Self::PatchTest => "patch_tests",
            Self::Timer => "local_timers",
            Self::SessionInProgress | Self::SyncConflict => return None,
        })
    }

    /// The kind in plain words ("check-in").
    pub fn name(self) -> &'static str {
        match self {
            Self::Profile => "profile",
            Self::Roller => "roller",
            Self::Session => "session",
            Self::SessionInProgress => "session in progress",
            Self::CheckIn => "check-in",
            Self::Scar => "scar",
            Self::ScarRating => "scar rating",
            Self::Photo => "photo",
            Self::PatchTest => "patch test",
            Self::SyncConflict => "sync conflict",
            Self::Timer => "timer",
        }
    }
}

/// Everything that can go wrong in the journal. Whatever the variant, nothing
/// was half-written: every write runs in one transaction.
#[derive(Debug, Error)]
pub enum JournalError {
    /// Bad input, naming the field; nothing was written.
    #[error(transparent)]
    Input(#[from] InputError),
    /// The guided session refused an event or a plan (the journal-backed
    /// session in `guided.rs`); nothing was written.
    #[error(transparent)]
    Session(#[from] crate::session::SessionError),
    /// The schedule refused the facts gathered from the journal.
    #[error(transparent)]
    Schedule(#[from] crate::schedule::ScheduleError),
    /// A record the caller named does not exist.
    #[error("{} not found: {id}", what.name())]
    NotFound {
        /// Which kind of record.
        what: RecordKind,
        /// The id that was asked for.
        id: String,
    },
    /// The request is valid but conflicts with what is stored (another
    /// session in progress, an id already recorded, import into a non-empty
    /// journal).
    #[error("not allowed now: {0}")]
    NotAllowed(String),
    /// The file was written by a newer app: it is left untouched.
    #[error(
        "journal schema version {found} is newer than this app understands (up to {supported})"
    )]
    NewerSchema {
        /// The `user_version` found in the file.
        found: u32,
        /// The newest schema this build knows.
        supported: u32,
    },
    /// An export file from a newer app.
    #[error(
        "export format version {found} is newer than this app understands (up to {supported})"
    )]
    NewerExport {
        /// The version found in the file.
        found: u32,
        /// The newest export version this build reads.
        supported: u32,
    },
    /// The file is a SQLite database, but not a journal this app knows.
    #[error("not a dermaroll journal: {0}")]
    NotAJournal(String),
    /// A migration step failed; the file stays at `from` (the step rolled
    /// back) and nothing was deleted.
    #[error("upgrading the journal from version {from} to {to} failed: {detail}")]
    Migration {
        /// The version the file is still at.
        from: u32,
        /// The version the failed step would have reached.
        to: u32,
        /// What SQLite reported.
        detail: String,
    },
    /// A stored value the core cannot read back (a bug or outside tampering).
    #[error("unreadable stored value: {0}")]
    Corrupt(String),
    /// SQLite failed (disk full, I/O error, locked file).
    #[error("storage: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A sync file could not be read or written (wrong passphrase,
    /// tampering, truncation, a newer version, malformed content).
    #[error(transparent)]
    Sync(#[from] crate::sync::SyncError),
    /// Reading or writing an export file failed.
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

/// The journal's result type.
pub type Result<T, E = JournalError> = std::result::Result<T, E>;

impl JournalError {
    /// A not-found error for `what` with `id`.
    pub fn not_found(what: RecordKind, id: impl Into<String>) -> Self {
        Self::NotFound {
            what,
            id: id.into(),
        }
    }

    /// The field an input error names, if this is one (handy in tests).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Input(err) => Some(err.field),
            _ => None,
        }
    }
}
