//! Photo image files in the sync file, when the shell asks for them: the
//! records carry each photo's file name; the images themselves follow the
//! records as file lines (see `sync::codec::write_file`). The core reads and
//! writes them in the folder the shell names (its app storage for photos)
//! and never anywhere else: a file name is a plain name, checked again here
//! because it may come from another device.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

use super::rows::malformed;
use crate::journal::error::Result;
use crate::journal::files::write_atomically;
use crate::journal::validate;
use crate::sync::codec;

/// The live photos whose image is in `folder`, by photo id (the order they
/// travel in), with the image's path. An image larger than
/// [`codec::MAX_FILE_BYTES`] stays behind (its reference still travels).
pub fn to_send(conn: &Connection, folder: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut stmt = conn.prepare("SELECT id, file_name FROM photos ORDER BY id")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name): (String, String) = row?;
        if validate::file_name("file_name", &name).is_err() {
            continue;
        }
        let path = folder.join(&name);
        let fits = fs::metadata(&path)
            .is_ok_and(|m| m.is_file() && m.len() <= codec::MAX_FILE_BYTES as u64);
        if fits {
            out.push((id, path));
        }
    }
    Ok(out)
}

/// Writes the file lines of [`to_send`]'s photos.
pub fn write_all<W: Write>(out: &mut W, photos: &[(String, PathBuf)]) -> Result<()> {
    for (id, path) in photos {
        let image = fs::read(path)?;
        codec::write_file(out, id, &image)?;
    }
    Ok(())
}

/// The image files one import wrote, to remove again if it fails.
#[derive(Debug, Default)]
pub struct Received {
    /// Files this import created.
    pub created: Vec<PathBuf>,
}

impl Received {
    /// Puts one received image in `folder` under its photo's file name,
    /// unless the photo is not here (deleted) or its image already is.
    /// Returns whether a file was written.
    pub fn take(
        &mut self,
        conn: &Connection,
        folder: &Path,
        photo_id: &str,
        image: &[u8],
    ) -> Result<bool> {
        let name: Option<String> = conn
            .prepare_cached("SELECT file_name FROM photos WHERE id = ?1")?
            .query_row([photo_id], |row| row.get(0))
            .optional()?;
        let Some(name) = name else {
            return Ok(false);
        };
        validate::file_name("file_name", &name).map_err(|e| malformed(e.to_string()))?;
        let target = folder.join(&name);
        if target.exists() {
            return Ok(false);
        }
        write_atomically(&target, |file| Ok(file.write_all(image)?))?;
        self.created.push(target);
        Ok(true)
    }

    /// Removes the files this import created (it failed).
    pub fn undo(self) {
        for path in self.created {
            let _ = fs::remove_file(path);
        }
    }
}
