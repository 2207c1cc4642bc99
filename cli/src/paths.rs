//! Where the terminal shell keeps its journal, and opening it.

use std::path::{Path, PathBuf};

use anyhow::Context;
use dermaroll_core::journal::Journal;

/// The journal file: the `--journal` flag or `DERMAROLL_JOURNAL` when given,
/// else `journal.sqlite3` in the platform's data directory (created if absent).
pub fn journal_path(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    let dirs = directories::ProjectDirs::from("app", "dermaroll", "dermaroll")
        .context("no home directory to keep the journal in; pass --journal PATH")?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir.join("journal.sqlite3"))
}

/// Opens (or creates) the journal at `path`.
pub fn open(path: &Path) -> anyhow::Result<Journal> {
    Journal::open(path).with_context(|| format!("opening the journal {}", path.display()))
}
