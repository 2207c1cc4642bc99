//! dermaroll's catalogue: every text the app shows or speaks, with its key,
//! its typed arguments and its wording in every language (English and
//! German), in one file, `catalogue/texts.toml`.
//!
//! - [`model`]: the catalogue as data, and reading it;
//! - [`check`]: its rules (every language, the same placeholders, the
//!   wording rules);
//! - [`android`], [`ios`]: the platforms' string files generated from it;
//! - [`rust`]: the core's typed constructors of its texts, generated;
//! - [`render`]: a text in a language with its arguments formatted by the
//!   language's rules (the terminal shell and the tests use it).
//!
//! This crate is never linked into the phone library: the core hands out
//! keys with typed arguments, and each shell renders them.

pub mod android;
pub mod check;
pub mod ios;
pub mod model;
pub mod render;
pub mod rust;

pub use model::{Catalogue, LANGUAGES};
pub use render::Value;

/// The catalogue of this repository, read at build time.
pub const SOURCE: &str = include_str!("../texts.toml");

/// This repository's catalogue, parsed.
pub fn catalogue() -> Result<Catalogue, model::ParseError> {
    Catalogue::parse(SOURCE)
}
