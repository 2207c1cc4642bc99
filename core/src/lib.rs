//! The dermaroll core: every rule of the app, with no clock, no sleeps and no
//! platform code. Shells (Android, iOS, the terminal) render its state and
//! carry out the effects it requests.
//!
//! Layers, importing downward only (see ARCHITECTURE.md):
//! - [`error`], [`time`]: the field-naming input error; instants, offsets and
//!   floating local dates (no time-zone database);
//! - [`protocol`]: the domain tables and pure judgements (roller check,
//!   aftercare);
//! - [`journal`]: the on-device SQLite store, its queries and exports;
//! - [`ffi`] (feature `ffi`): the UniFFI facade, the only exported surface.

pub mod error;
pub mod journal;
pub mod protocol;
pub mod time;

#[cfg(feature = "ffi")]
pub mod ffi;

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();
