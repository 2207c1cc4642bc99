//! The schedule's rich error; `ffi::error` maps it to the public error.

use thiserror::Error;

use crate::error::InputError;

/// Why a schedule could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleError {
    /// A fact was not acceptable; the error names the field.
    #[error(transparent)]
    Input(#[from] InputError),
}
