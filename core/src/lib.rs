//! The dermaroll core: every rule of the app, with no clock, no sleeps and no
//! platform code. Shells (Android, iOS, the terminal) render its state and
//! carry out the effects it requests.
//!
//! Layers, importing downward only (see ARCHITECTURE.md):
//! - [`error`], [`time`]: the field-naming input error; instants, offsets and
//!   floating local dates (no time-zone database);
//! - [`protocol`]: the domain tables and pure judgements (roller check,
//!   readiness before a session, aftercare);
//! - [`session`]: the guided session as a pure state machine
//!   `(state, event, at) -> (state, effects)`, serialisable and resumable;
//! - [`schedule`]: due dates, aftercare timeline, the notification plan;
//! - [`journal`]: the on-device SQLite store, its queries and exports;
//! - [`ffi`] (feature `ffi`): the UniFFI facade, the only exported surface.

pub mod error;
pub mod journal;
pub mod protocol;
pub mod schedule;
pub mod session;
pub mod sync;
pub mod time;

#[cfg(feature = "ffi")]
pub mod ffi;

#[cfg(feature = "ffi")]
uniffi::setup_scaffolding!();
