//! Sync through the facade: export and import of the encrypted sync file,
//! the conflicts a person can see, note edits and deletes. The device id
//! that stamps this install's writes was given at `Journal.open`; the
//! passphrase never leaves the call.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::journal::{write_atomically, Journal, JournalChangeKind};
use super::DermarollError;
use crate::journal::{self as store, EntryKind, Moment, NotesOf, SyncConflict, SyncReport};
use crate::sync::age::{MAX_READ_LOG_N, WRITE_LOG_N};

type Result<T> = std::result::Result<T, DermarollError>;

#[uniffi::export]
impl Journal {
    /// Writes the whole sync state to `path`, encrypted with `passphrase`
    /// (age's passphrase format; the `age` tool opens it). With
    /// `photos_folder` (the app's folder of photo images), the images of the
    /// journal's photos found there travel in the file too; without it, only
    /// their references.
    pub fn export_sync(
        &self,
        path: String,
        passphrase: String,
        photos_folder: Option<String>,
    ) -> Result<()> {
        let photos = photos_folder.as_deref().map(Path::new);
        write_atomically(&path, |file| {
            self.inner
                .export_sync(file, &passphrase, WRITE_LOG_N, photos)
        })
    }

    /// Merges the sync file at `path` into this journal in one transaction
    /// and says what changed. A wrong passphrase, a truncated, altered or
    /// newer file is an error (`SyncFileRejected`, `NewerFormat`) and the
    /// journal is untouched. With `photos_folder`, the photo images the file
    /// carries are put there (those not there yet; `photoFiles` counts
    /// them).
    pub fn import_sync(
        &self,
        path: String,
        passphrase: String,
        now: Moment,
        photos_folder: Option<String>,
    ) -> Result<SyncReport> {
        let file = File::open(&path).map_err(store::JournalError::from)?;
        let report = self.inner.import_sync(
            BufReader::with_capacity(64 * 1024, file),
            &passphrase,
            MAX_READ_LOG_N,
            &now,
            photos_folder.as_deref().map(Path::new),
        )?;
        self.changed(JournalChangeKind::Sync, "");
        Ok(report)
    }

    /// Texts that lost to a concurrent edit on another device, to show.
    pub fn conflicts(&self) -> Result<Vec<SyncConflict>> {
        Ok(self.inner.conflicts()?)
    }

    /// The person has dealt with a conflict (on every device, after sync).
    pub fn dismiss_conflict(&self, conflict: SyncConflict) -> Result<()> {
        self.inner.dismiss_conflict(&conflict)?;
        self.changed(JournalChangeKind::Sync, &conflict.record_id);
        Ok(())
    }

    /// Replaces a record's notes.
    pub fn edit_notes(&self, kind: NotesOf, id: String, notes: String, now: Moment) -> Result<()> {
        self.inner.edit_notes(kind, &id, &notes, &now)?;
        self.changed(JournalChangeKind::Sync, &id);
        Ok(())
    }

    /// Deletes an entry on every device it syncs with (restoring it means
    /// adding a new one).
    pub fn delete_entry(&self, kind: EntryKind, id: String, now: Moment) -> Result<()> {
        self.inner.delete_entry(kind, &id, &now)?;
        self.changed(JournalChangeKind::Sync, &id);
        Ok(())
    }
}
