//! Where the terminal shell keeps its journal and this install's device id,
//! and opening the journal.

use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use dermaroll_core::journal::Journal;

use crate::files;

/// The longest device-id file read (an id is at most 64 characters).
const DEVICE_FILE_LIMIT: u64 = 256;

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

/// The file beside the journal that holds this install's device id: the
/// journal's file name with `.device-id` appended. Like the phone shells, the
/// terminal keeps the id outside the journal file.
pub fn device_id_path(journal: &Path) -> PathBuf {
    let mut name = journal.file_name().unwrap_or_default().to_os_string();
    name.push(".device-id");
    journal.with_file_name(name)
}

/// Opens (or creates) the journal at `path` with this install's device id,
/// so that every write (and every sync) is stamped with it.
pub fn open(path: &Path) -> anyhow::Result<Journal> {
    let device_id = device_id(&device_id_path(path))?;
    Journal::open(path, &device_id)
        .with_context(|| format!("opening the journal {}", path.display()))
}

/// Reads the device id from `file`; when the file is absent or does not
/// hold a valid id, makes a new one (`Journal::new_id`) and keeps it there
/// first. A new id is always safe (it only looks like a new device); reusing
/// one on two devices is what must never happen.
fn device_id(file: &Path) -> anyhow::Result<String> {
    match read_device_id(file)? {
        Some(id) if dermaroll_core::journal::validate::device_id(&id).is_ok() => return Ok(id),
        Some(_) => eprintln!(
            "dermaroll: {} does not hold a valid device id; making a new one",
            file.display()
        ),
        None => {}
    }
    let id = Journal::new_id().context("making a device id")?;
    files::write_atomically(file, |out| Ok(writeln!(out, "{id}")?))?;
    Ok(id)
}

/// The trimmed content of `file`, `None` when it does not exist; an
/// unreadable (not UTF-8) content is an empty id, so it gets replaced.
fn read_device_id(file: &Path) -> anyhow::Result<Option<String>> {
    let mut bytes = Vec::new();
    match std::fs::File::open(file) {
        Ok(f) => f
            .take(DEVICE_FILE_LIMIT)
            .read_to_end(&mut bytes)
            .with_context(|| format!("reading {}", file.display()))?,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", file.display())),
    };
    let text = String::from_utf8(bytes).unwrap_or_default();
    Ok(Some(text.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_device_id_is_made_once_kept_beside_the_journal_and_replaced_when_bad() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let id_file = dir.path().join("journal.sqlite3.device-id");
        assert_eq!(device_id_path(&path), id_file);
        let first = open(&path).unwrap().device_id();
        assert_eq!(
            std::fs::read_to_string(&id_file).unwrap(),
            format!("{first}\n")
        );
        assert_eq!(open(&path).unwrap().device_id(), first);

        std::fs::write(&id_file, "not valid: spaces\n").unwrap();
        let replaced = open(&path).unwrap().device_id();
        assert_ne!(replaced, first);
        assert_eq!(std::fs::read_to_string(&id_file).unwrap().trim(), replaced);
        std::fs::write(&id_file, b"\xff\xfe").unwrap();
        assert_ne!(open(&path).unwrap().device_id(), replaced);
    }
}
