//! The journal's sync storage: the glue between the pure sync domain
//! (`crate::sync`: clock, merge, file format) and SQLite. All of sync is
//! found in two places: `crate::sync` (pure) and this folder.
//!
//! Files: [`tables`] (the synced tables as data and their SQL), [`rows`]
//! (rows ↔ sync records, stamping local writes, writing merged records),
//! [`file`] (export of the encrypted file, conflicts, note edits and
//! deletes), [`import`] (the batched merge of a file) and [`photos`] (photo
//! images in the file).

pub mod file;
pub mod import;
pub mod photos;
pub mod rows;
pub mod tables;
