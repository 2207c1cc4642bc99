//! `dermaroll sync`: the encrypted sync file a person moves between their
//! devices (export, import), and the notes kept from concurrent edits
//! (conflicts, dismiss). The merge and every check are the core's.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use anyhow::{bail, Context};
use dermaroll_core::journal::{Journal, SyncConflict, SyncReport};
use dermaroll_core::sync::age::{MAX_READ_LOG_N, WRITE_LOG_N};
use serde::Serialize;

use super::print_json;
use crate::args::{SyncAction, SyncArgs};
use crate::{clock, files, passphrase};

/// `dermaroll sync …`.
pub fn run(json: bool, journal: &Journal, args: &SyncArgs) -> anyhow::Result<()> {
    match &args.action {
        SyncAction::Export { file, photos } => export(json, journal, file, photos.as_deref()),
        SyncAction::Import { file, photos } => import(json, journal, file, photos.as_deref()),
        SyncAction::Conflicts => conflicts(json, journal),
        SyncAction::Dismiss {
            record_id,
            clock,
            device,
        } => dismiss(json, journal, record_id, *clock, device.as_deref()),
    }
}

/// What `sync export --json` prints.
#[derive(Serialize)]
struct Exported {
    file: String,
    bytes: u64,
    device_id: String,
}

fn export(json: bool, journal: &Journal, path: &Path, photos: Option<&Path>) -> anyhow::Result<()> {
    let passphrase = passphrase::read(true)?;
    files::write_atomically(path, |file| {
        journal
            .export_sync(file, &passphrase, WRITE_LOG_N, photos)
            .with_context(|| format!("writing the sync file {}", path.display()))
    })?;
    let exported = Exported {
        file: path.display().to_string(),
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        device_id: journal.device_id(),
    };
    if json {
        return print_json(&exported);
    }
    println!(
        "Wrote the sync file {} ({} bytes, encrypted).",
        exported.file, exported.bytes
    );
    println!(
        "On your other device, import it with the same passphrase: dermaroll sync import FILE"
    );
    Ok(())
}

fn import(json: bool, journal: &Journal, path: &Path, photos: Option<&Path>) -> anyhow::Result<()> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let passphrase = passphrase::read(false)?;
    let report = journal
        .import_sync(
            BufReader::with_capacity(64 * 1024, file),
            &passphrase,
            MAX_READ_LOG_N,
            &clock::now(),
            photos,
        )
        .with_context(|| format!("importing {} (nothing was changed)", path.display()))?;
    if json {
        return print_json(&report);
    }
    println!("{}", report_text(&path.display().to_string(), &report));
    for warning in &report.warnings {
        println!("warning: {warning}");
    }
    if report.conflicts > 0 {
        println!("See what was kept: dermaroll sync conflicts");
    }
    Ok(())
}

/// The report in words: `Imported FILE: 3 added, 1 updated, 10 unchanged, no new conflicts.`
fn report_text(file: &str, report: &SyncReport) -> String {
    let conflicts = match report.conflicts {
        0 => String::from("no new conflicts"),
        1 => String::from("1 new conflict"),
        n => format!("{n} new conflicts"),
    };
    let photos = match report.photo_files {
        0 => String::new(),
        1 => String::from(", 1 photo image saved"),
        n => format!(", {n} photo images saved"),
    };
    format!(
        "Imported {file}: {} added, {} updated, {} unchanged, {conflicts}{photos}.",
        report.added, report.updated, report.unchanged
    )
}

/// A record's table in words.
fn table_word(table: &str) -> &str {
    match table {
        "sessions" => "session",
        "check_ins" => "check-in",
        "scars" => "scar",
        "scar_ratings" => "scar rating",
        other => other,
    }
}

fn conflicts(json: bool, journal: &Journal) -> anyhow::Result<()> {
    let conflicts = journal.conflicts()?;
    if json {
        return print_json(&conflicts);
    }
    if conflicts.is_empty() {
        println!("No conflicts: no text was lost to a concurrent edit.");
        return Ok(());
    }
    println!(
        "{} kept from concurrent edits on two devices (the kept text is in the journal):",
        match conflicts.len() {
            1 => String::from("1 text"),
            n => format!("{n} texts"),
        }
    );
    for c in &conflicts {
        // Debug quoting: the texts came from another device, so control
        // characters are shown escaped, never sent to the terminal.
        println!();
        println!("{} {} ({})", table_word(&c.table), c.record_id, c.field);
        println!("  kept: {:?}", c.kept_text);
        println!(
            "  lost: {:?} (device {}, clock {})",
            c.lost_text, c.lost_device, c.lost_clock
        );
        println!(
            "  dismiss: dermaroll sync dismiss {} --clock {}",
            c.record_id, c.lost_clock
        );
    }
    Ok(())
}

fn dismiss(
    json: bool,
    journal: &Journal,
    record_id: &str,
    clock: Option<u64>,
    device: Option<&str>,
) -> anyhow::Result<()> {
    let matching: Vec<SyncConflict> = journal
        .conflicts()?
        .into_iter()
        .filter(|c| {
            c.record_id == record_id
                && clock.is_none_or(|n| c.lost_clock == n)
                && device.is_none_or(|d| c.lost_device == d)
        })
        .collect();
    let conflict = match matching.as_slice() {
        [] => bail!("no such conflict on record {record_id} (dermaroll sync conflicts lists them)"),
        [one] => one,
        many => bail!(
            "record {record_id} has {} conflicts: say which with --clock (and --device)",
            many.len()
        ),
    };
    journal.dismiss_conflict(conflict)?;
    if json {
        return print_json(conflict);
    }
    println!(
        "Dismissed: {:?} is no longer kept on this {} ({:?} stays). Other devices drop it after they import this journal's next sync file.",
        conflict.lost_text,
        table_word(&conflict.table),
        conflict.kept_text
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_in_words() {
        let mut report = SyncReport {
            added: 3,
            updated: 1,
            unchanged: 10,
            ..SyncReport::default()
        };
        assert_eq!(
            report_text("a.age", &report),
            "Imported a.age: 3 added, 1 updated, 10 unchanged, no new conflicts."
        );
        report.conflicts = 2;
        assert!(report_text("a.age", &report).ends_with("2 new conflicts."));
        assert_eq!(table_word("scar_ratings"), "scar rating");
    }
}
