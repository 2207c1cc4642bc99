//! The UniFFI facade: the only surface the shells see. It is thin: it
//! validates and converts at the boundary, calls the pure core, and maps
//! errors to [`DermarollError`] in one place (`error.rs`). Calls are coarse
//! and synchronous; exported objects are `Send + Sync`; no Rust lock is held
//! while foreign code runs.

pub mod aftercare;
pub mod error;
pub mod journal;
pub mod journal_guided;
pub mod journal_schedule;
pub mod protocol;
pub mod schedule;
pub mod session;
pub mod sync;
pub mod types;

pub use error::DermarollError;
pub use journal::{Journal, JournalChange, JournalChangeKind, JournalObserver, ObserverError};
pub use protocol::ProtocolGuide;
pub use schedule::ReminderPlanner;
pub use session::{GuidedSession, SessionUpdate};
pub use types::UtcDateTime;

/// The core's version, so a shell can show it and a bug report can name it.
#[uniffi::export]
pub fn core_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
