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

/// A field name as the generated bindings spell it: each dot-separated
/// part in lowerCamelCase (`needle_mm` → `needleMm`, `rollers.first_use` →
/// `rollers.firstUse`). The public error and the scenario files use it.
pub fn binding_field_name(field: &str) -> String {
    field
        .split('.')
        .map(|part| {
            let mut out = String::with_capacity(part.len());
            let mut upper = false;
            for c in part.chars() {
                if c == '_' {
                    upper = !out.is_empty();
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(".")
}

impl InputError {
    /// The field as the bindings spell it (see [`binding_field_name`]).
    pub fn binding_field(&self) -> String {
        binding_field_name(self.field)
    }

    /// An input error for `field` with a reason.
    pub fn new(field: &'static str, reason: impl Into<String>) -> Self {
        Self {
            field,
            reason: reason.into(),
        }
    }
}
