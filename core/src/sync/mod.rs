//! Sync between a person's devices through one file they move themselves.
//!
//! This module is pure: no SQLite, no clock, no file system. It holds the
//! hybrid logical clock ([`hlc`]), the per-field last-writer-wins state and
//! its merge ([`state`]), the canonical plaintext: writing it ([`codec`]),
//! reading it ([`decoder`]), a record's stamps ([`stamps`]) and the small
//! strict JSON both use ([`json`]); the age v1 passphrase encryption
//! ([`age`], with its base64 [`b64`]) and the sync error ([`error`]). The
//! journal's `sync_*` modules read and write this state in SQLite.

pub mod age;
pub mod b64;
pub mod codec;
pub mod decoder;
pub mod error;
pub mod hlc;
pub mod json;
pub mod stamps;
pub mod state;

pub use error::SyncError;
pub use hlc::{Clock, Stamp};
pub use state::{Field, RecordKey, RecordState, SyncState, Value};

/// Opens a whole sync file in memory: decrypts it with `passphrase`
/// (refusing a work factor above `max_log_n`) and decodes the plaintext.
/// The fuzz target and its regression test call this with hostile bytes.
pub fn open_file(bytes: &[u8], passphrase: &str, max_log_n: u8) -> error::Result<SyncState> {
    codec::decode(&age::decrypt(bytes, passphrase, max_log_n)?)
}
