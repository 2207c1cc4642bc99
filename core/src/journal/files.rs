//! Files the journal writes beside itself or where a shell asks: exports,
//! sync files, photo images. Each is written whole or not at all.

use std::fs::File;
use std::path::{Path, PathBuf};

use super::error::Result;

/// The temporary file beside `path` that [`write_atomically`] writes first:
/// the same name with `.partial` appended, in the same folder (so the rename
/// stays on one file system).
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}

/// Writes through a temporary file beside `path`, synced to the disk, then
/// renames it into place; on any error the temporary file is removed and
/// `path` is left as it was.
pub fn write_atomically(path: &Path, write: impl FnOnce(&mut File) -> Result<()>) -> Result<()> {
    if path.file_name().is_none() {
        let detail = format!("{} is not a file name", path.display());
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, detail).into());
    }
    let temporary = partial_path(path);
    let outcome = File::create(&temporary)
        .map_err(Into::into)
        .and_then(|mut file| {
            write(&mut file)?;
            file.sync_all()?;
            Ok(())
        })
        .and_then(|()| Ok(std::fs::rename(&temporary, path)?));
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    outcome
}
