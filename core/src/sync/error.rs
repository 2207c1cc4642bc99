//! The sync error. `ffi::error` turns it into the public `DermarollError`.

use thiserror::Error;

/// Why a sync file could not be written or read. Whatever the variant, an
/// import that fails leaves the journal untouched.
#[derive(Debug, Error)]
pub enum SyncError {
    /// The passphrase does not open this file.
    #[error("the passphrase does not open this sync file")]
    WrongPassphrase,
    /// The file was changed after it was written (authentication failed).
    #[error("the sync file was altered or damaged: {0}")]
    Tampered(String),
    /// The file ends before its last authenticated part.
    #[error("the sync file is cut short")]
    Truncated,
    /// Not an encrypted sync file this app can read (not age, another kind of
    /// recipient, a work factor too high for a phone).
    #[error("not a sync file this app can open: {0}")]
    Unsupported(String),
    /// The decrypted content is not a well-formed sync file.
    #[error("the sync file's content is malformed: {0}")]
    Malformed(String),
    /// Written by a newer app.
    #[error("sync file version {found} is newer than this app understands (up to {supported})")]
    NewerVersion {
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Reading or writing the file failed.
    #[error("file: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for SyncError {
    /// Unwraps a [`SyncError`] carried through `io::Read` (the decrypting
    /// reader), or keeps the I/O error.
    fn from(err: std::io::Error) -> Self {
        if !err.get_ref().is_some_and(|inner| inner.is::<SyncError>()) {
            return Self::Io(err);
        }
        let kind = err.kind();
        match err.into_inner().map(|inner| inner.downcast::<SyncError>()) {
            Some(Ok(sync)) => *sync,
            Some(Err(other)) => Self::Io(std::io::Error::new(kind, other)),
            None => Self::Io(std::io::Error::from(kind)),
        }
    }
}

/// The sync result type.
pub type Result<T, E = SyncError> = std::result::Result<T, E>;
