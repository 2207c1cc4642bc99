//! The bottom of the error design: an input error that names the offending
//! field. Every module's richer error wraps it; `ffi::error` turns all of them
//! into the small public error enum in one place.

use thiserror::Error;

/// Bad input: which field was wrong and why, in words a developer can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field}: {reason}")]
pub struct InputError {
    /// The offending field, as the caller named it (e.g. `needle_mm`).
    pub field: &'static str,
    /// Why the value was refused.
    pub reason: String,
}

impl InputError {
    /// An input error for `field` with a reason.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}
