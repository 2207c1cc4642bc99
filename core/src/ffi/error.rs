//! The public error: a small enum whose variants a UI can act on. Every rich
//! internal error is converted here, and only here.

use crate::error::InputError;
use crate::journal::JournalError;
use crate::session::SessionError;
use crate::sync::SyncError;

/// What went wrong, in a form a shell can act on. Every variant's message
/// names what was wrong; `InvalidInput` names the offending field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum DermarollError {
    /// A value the caller passed is not acceptable: fix `field` and retry.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// The offending field, as named in the API.
        field: String,
        /// Why it was refused.
        reason: String,
    },
    /// The request is valid but not in the current state (an event after the
    /// session ended, a session that is too early): show `reason`.
    #[error("not allowed now: {reason}")]
    NotAllowedNow {
        /// Why, in plain words.
        reason: String,
    },
    /// A record the caller named does not exist.
    #[error("{what} not found: {id}")]
    NotFound {
        /// Which kind of record.
        what: String,
        /// The id that was asked for.
        id: String,
    },
    /// The stored data is from a newer app version: ask the person to update.
    #[error("data format {found} is newer than this app understands (up to {supported}); please update the app")]
    NewerFormat {
        /// The version found in the data.
        found: u32,
        /// The newest version this build understands.
        supported: u32,
    },
    /// The device's storage failed (disk full, file unreadable): retry later
    /// or tell the person; nothing was half-written.
    #[error("storage failed: {detail}")]
    Storage {
        /// What the storage layer reported.
        detail: String,
    },
    /// A sync file was refused and nothing was imported: `reason` is one of
    /// `wrong_passphrase` (ask again), `tampered` (altered or damaged),
    /// `truncated` (cut short: copy it again), `unsupported` (not a sync
    /// file this app opens), `malformed` (its content is not valid); the
    /// message says more.
    #[error("sync file refused ({reason}): {detail}")]
    SyncFileRejected {
        /// A stable code a UI can branch on.
        reason: String,
        /// What was wrong, in words.
        detail: String,
    },
    /// A bug: this should not happen. Report it.
    #[error("internal error: {detail}")]
    Internal {
        /// What went wrong.
        detail: String,
    },
}

impl From<InputError> for DermarollError {
    fn from(err: InputError) -> Self {
        Self::InvalidInput {
            field: err.field.to_string(),
            reason: err.reason,
        }
    }
}

impl From<SessionError> for DermarollError {
    fn from(err: SessionError) -> Self {
        match err {
            SessionError::Input(input) => input.into(),
            SessionError::NotAllowedNow { reason } => Self::NotAllowedNow { reason },
            SessionError::NewerFormat { found, supported } => {
                Self::NewerFormat { found, supported }
            }
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
                what: what.to_string(),
                id,
            },
            JournalError::NotAllowed(reason) => Self::NotAllowedNow { reason },
            JournalError::NewerSchema { found, supported }
            | JournalError::NewerExport { found, supported } => {
                Self::NewerFormat { found, supported }
            }
            JournalError::Sync(sync) => sync.into(),
            JournalError::Corrupt(_) => Self::Internal {
                detail: err.to_string(),
            },
            JournalError::NotAJournal(_)
            | JournalError::Migration { .. }
            | JournalError::Sqlite(_)
            | JournalError::Io(_) => Self::Storage {
                detail: err.to_string(),
            },
        }
    }
}

impl From<SyncError> for DermarollError {
    fn from(err: SyncError) -> Self {
        let reason = match &err {
            SyncError::WrongPassphrase => "wrong_passphrase",
            SyncError::Tampered(_) => "tampered",
            SyncError::Truncated => "truncated",
            SyncError::Unsupported(_) => "unsupported",
            SyncError::Malformed(_) => "malformed",
            SyncError::NewerVersion { found, supported } => {
                return Self::NewerFormat {
                    found: *found,
                    supported: *supported,
                }
            }
            SyncError::Io(_) => {
                return Self::Storage {
                    detail: err.to_string(),
                }
            }
        };
        Self::SyncFileRejected {
            reason: reason.into(),
            detail: err.to_string(),
        }
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for DermarollError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Internal {
            detail: format!("unexpected error in a shell callback: {}", err.reason),
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
        assert_eq!(
            newer,
            DermarollError::NewerFormat {
                found: 3,
                supported: 1
            }
        );
        let field: DermarollError = JournalError::Input(InputError::new("rating", "11")).into();
        assert!(
            matches!(field, DermarollError::InvalidInput { ref field, .. } if field == "rating")
        );
        let missing: DermarollError = JournalError::not_found("scar", "x").into();
        assert!(matches!(missing, DermarollError::NotFound { ref what, .. } if what == "scar"));
        let io: DermarollError = JournalError::Io(std::io::Error::other("disk full")).into();
        assert!(matches!(io, DermarollError::Storage { .. }));
    }

    #[test]
    fn sync_errors_say_why_the_file_was_refused() {
        let wrong: DermarollError = JournalError::Sync(SyncError::WrongPassphrase).into();
        assert!(
            matches!(wrong, DermarollError::SyncFileRejected { ref reason, .. } if reason == "wrong_passphrase")
        );
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
        assert_eq!(public.to_string(), "invalid needle_mm: must be a number");
        assert!(
            matches!(public, DermarollError::InvalidInput { ref field, .. } if field == "needle_mm")
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
