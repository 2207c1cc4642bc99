//! The public error: a small enum whose variants a UI can act on. Every rich
//! internal error is converted here, and only here.

use crate::error::InputError;
use crate::journal::error::RecordKind;
use crate::journal::JournalError;
use crate::session::SessionError;
use crate::sync::SyncError;

/// Why a sync file was refused (nothing was imported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum SyncRejection {
    /// The passphrase does not open the file: ask again.
    WrongPassphrase,
    /// The file was altered or damaged.
    Tampered,
    /// The file was cut short: copy it again.
    Truncated,
    /// Not a sync file this app opens.
    Unsupported,
    /// Its content is not valid.
    Malformed,
}

/// What went wrong, in a form a shell can act on. Every variant carries
/// `text`, the message to show; the other fields say what a UI can act on.
/// `InvalidInput.field` is spelled as the bindings spell the field
/// (`needleMm`, `profile.bedtime`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum DermarollError {
    /// A value the caller passed is not acceptable: fix `field` and retry.
    #[error("{text}")]
    InvalidInput {
        /// The offending field, as the bindings name it.
        field: String,
        /// Why it was refused.
        reason: String,
        /// The message to show.
        text: String,
    },
    /// The request is valid but not in the current state (an event after the
    /// session ended, another session still in progress): show `text`.
    #[error("{text}")]
    NotAllowedNow {
        /// The message to show.
        text: String,
    },
    /// A record the caller named does not exist.
    #[error("{text}")]
    NotFound {
        /// Which kind of record.
        what: RecordKind,
        /// The id that was asked for.
        id: String,
        /// The message to show.
        text: String,
    },
    /// The stored data is from a newer app version: ask the person to update.
    #[error("{text}")]
    NewerFormat {
        /// The version found in the data.
        found: u32,
        /// The newest version this build understands.
        supported: u32,
        /// The message to show.
        text: String,
    },
    /// The device's storage failed (disk full, file unreadable): retry later
    /// or tell the person; nothing was half-written.
    #[error("{text}")]
    Storage {
        /// The message to show (what the storage layer reported).
        text: String,
    },
    /// A sync file was refused and nothing was imported.
    #[error("{text}")]
    SyncFileRejected {
        /// Why: a UI branches on it (ask for the passphrase again, …).
        reason: SyncRejection,
        /// The message to show.
        text: String,
    },
    /// A bug: this should not happen. Report it.
    #[error("{text}")]
    Internal {
        /// The message to show.
        text: String,
    },
}

pub use crate::error::binding_field_name;

impl DermarollError {
    fn not_allowed(text: impl Into<String>) -> Self {
        Self::NotAllowedNow { text: text.into() }
    }

    fn storage(text: impl Into<String>) -> Self {
        Self::Storage { text: text.into() }
    }

    fn newer(found: u32, supported: u32) -> Self {
        Self::NewerFormat {
            found,
            supported,
            text: format!(
                "data format {found} is newer than this app understands (up to {supported}); please update the app"
            ),
        }
    }
}

impl From<InputError> for DermarollError {
    fn from(err: InputError) -> Self {
        let field = err.binding_field();
        Self::InvalidInput {
            text: format!("invalid {field}: {}", err.reason),
            field,
            reason: err.reason,
        }
    }
}

impl From<SessionError> for DermarollError {
    fn from(err: SessionError) -> Self {
        match err {
            SessionError::Input(input) => input.into(),
            SessionError::NotAllowedNow { reason } => Self::not_allowed(reason),
            SessionError::NewerFormat { found, supported } => Self::newer(found, supported),
        }
    }
}

impl From<crate::schedule::ScheduleError> for DermarollError {
    fn from(err: crate::schedule::ScheduleError) -> Self {
        match err {
            crate::schedule::ScheduleError::Input(input) => input.into(),
        }
    }
}

impl From<JournalError> for DermarollError {
    fn from(err: JournalError) -> Self {
        match err {
            JournalError::Input(input) => input.into(),
            JournalError::Session(session) => session.into(),
            JournalError::Schedule(schedule) => schedule.into(),
            JournalError::NotFound { what, id } => Self::NotFound {
                text: format!("{} not found: {id}", what.name()),
                what,
                id,
            },
            JournalError::NotAllowed(reason) => Self::not_allowed(reason),
            JournalError::NewerSchema { found, supported }
            | JournalError::NewerExport { found, supported } => Self::newer(found, supported),
            JournalError::Sync(sync) => sync.into(),
            JournalError::Corrupt(_) => Self::Internal {
                text: err.to_string(),
            },
            JournalError::NotAJournal(_)
            | JournalError::Migration { .. }
            | JournalError::Sqlite(_)
            | JournalError::Io(_) => Self::storage(err.to_string()),
        }
    }
}

impl From<SyncError> for DermarollError {
    fn from(err: SyncError) -> Self {
        let reason = match &err {
            SyncError::WrongPassphrase => SyncRejection::WrongPassphrase,
            SyncError::Tampered(_) => SyncRejection::Tampered,
            SyncError::Truncated => SyncRejection::Truncated,
            SyncError::Unsupported(_) => SyncRejection::Unsupported,
            SyncError::Malformed(_) => SyncRejection::Malformed,
            SyncError::NewerVersion { found, supported } => return Self::newer(*found, *supported),
            SyncError::Io(_) => return Self::storage(err.to_string()),
        };
        Self::SyncFileRejected {
            reason,
            text: format!("sync file refused: {err}"),
        }
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for DermarollError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Internal {
            text: format!("unexpected error in a shell callback: {}", err.reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_errors_map_to_what_a_ui_can_act_on() {
        let newer: DermarollError = JournalError::NewerSchema {
            found: 3,
            supported: 1,
        }
        .into();
        assert!(matches!(
            newer,
            DermarollError::NewerFormat {
                found: 3,
                supported: 1,
                ..
            }
        ));
        let field: DermarollError = JournalError::Input(InputError::new("rating", "11")).into();
        assert!(
            matches!(field, DermarollError::InvalidInput { ref field, .. } if field == "rating")
        );
        let missing: DermarollError = JournalError::not_found(RecordKind::Scar, "x").into();
        assert!(matches!(
            missing,
            DermarollError::NotFound {
                what: RecordKind::Scar,
                ..
            }
        ));
        let io: DermarollError = JournalError::Io(std::io::Error::other("disk full")).into();
        assert!(matches!(io, DermarollError::Storage { .. }));
    }

    #[test]
    fn sync_errors_say_why_the_file_was_refused() {
        let wrong: DermarollError = JournalError::Sync(SyncError::WrongPassphrase).into();
        assert!(matches!(
            wrong,
            DermarollError::SyncFileRejected {
                reason: SyncRejection::WrongPassphrase,
                ..
            }
        ));
        let newer: DermarollError = SyncError::NewerVersion {
            found: 2,
            supported: 1,
        }
        .into();
        assert!(matches!(
            newer,
            DermarollError::NewerFormat { found: 2, .. }
        ));
    }

    #[test]
    fn input_errors_name_their_field() {
        let public: DermarollError = InputError::new("needle_mm", "must be a number").into();
        assert_eq!(public.to_string(), "invalid needleMm: must be a number");
        assert!(
            matches!(public, DermarollError::InvalidInput { ref field, .. } if field == "needleMm")
        );
        assert_eq!(binding_field_name("rollers.first_use"), "rollers.firstUse");
        assert_eq!(binding_field_name("profile.bedtime"), "profile.bedtime");
        assert_eq!(
            binding_field_name("sessions.utc_offset_minutes"),
            "sessions.utcOffsetMinutes"
        );
    }

    #[test]
    fn schedule_errors_become_invalid_input() {
        let err = crate::schedule::ScheduleError::from(InputError::new("profile.bedtime", "no"));
        let public: DermarollError = err.into();
        assert!(
            matches!(public, DermarollError::InvalidInput { ref field, .. } if field == "profile.bedtime")
        );
    }
}
