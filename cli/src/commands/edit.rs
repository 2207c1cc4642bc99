//! `dermaroll note` and `dermaroll delete`: a local edit of a record's notes
//! and the deletion of an entry, both carried to other devices by sync (the
//! core stamps them), so every sync feature, conflicts included, can be
//! tried from the terminal alone.

use anyhow::bail;
use dermaroll_core::journal::{EntryKind, Journal, NotesOf};
use serde_json::json;

use super::print_json;
use crate::args::{DeleteArgs, DeleteKind, NoteArgs, NoteKind};
use crate::clock;
use crate::io::{Ahead, Input};

/// `dermaroll note KIND ID TEXT`.
pub fn note(json: bool, journal: &Journal, args: &NoteArgs) -> anyhow::Result<()> {
    let kind = match args.kind {
        NoteKind::Session => NotesOf::Session,
        NoteKind::CheckIn => NotesOf::CheckIn,
        NoteKind::Scar => NotesOf::Scar,
        NoteKind::Rating => NotesOf::ScarRating,
    };
    journal.edit_notes(kind, &args.id, &args.text, &clock::now())?;
    if json {
        return print_json(&json!({ "id": args.id, "notes": args.text }));
    }
    println!("Notes saved.");
    Ok(())
}

/// `dermaroll delete KIND ID`: asks to confirm (one line, y or n) unless
/// `--yes`; a deletion travels to every device this journal syncs with.
pub fn delete(json: bool, journal: &Journal, args: &DeleteArgs) -> anyhow::Result<()> {
    let (kind, what) = match args.kind {
        DeleteKind::CheckIn => (EntryKind::CheckIn, "check-in"),
        DeleteKind::Rating => (EntryKind::ScarRating, "scar rating"),
        DeleteKind::Photo => (EntryKind::Photo, "photo"),
    };
    if !args.yes {
        let question =
            format!("Delete this {what} for good, here and on every device you sync with?");
        if !Input::new().yes_no(&question, None, Ahead::Discard)? {
            bail!("nothing was deleted");
        }
    }
    journal.delete_entry(kind, &args.id, &clock::now())?;
    if json {
        return print_json(&json!({ "deleted": args.id }));
    }
    println!("Deleted the {what}.");
    Ok(())
}
