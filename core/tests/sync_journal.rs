//! Sync through the journal: export on one journal, import on another; the
//! states converge byte for byte; concurrent notes are kept as conflicts;
//! a wrong passphrase, a truncated, tampered or newer file is a typed error
//! and the journal is untouched. A reduced scrypt work factor keeps these
//! fast; the pinned one is exercised once.

mod journal_support;

use dermaroll_core::journal::*;
use dermaroll_core::sync::{age, SyncError};
use journal_support::{at, fill, journal, journal_as, now};

const LOG_N: u8 = 4;

fn plain(j: &Journal) -> String {
    let mut out = Vec::new();
    j.export_sync_plaintext(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn file(j: &Journal, passphrase: &str) -> Vec<u8> {
    let mut out = Vec::new();
    j.export_sync(&mut out, passphrase, LOG_N, None).unwrap();
    out
}

fn import(j: &Journal, bytes: &[u8], passphrase: &str) -> Result<SyncReport> {
    j.import_sync(bytes, passphrase, LOG_N, &now(), None)
}

#[test]
fn two_journals_converge_byte_for_byte_and_reimport_changes_nothing() {
    let (_a_dir, a) = journal_as("phone");
    let (_b_dir, b) = journal_as("tablet");
    fill(&a, 3);
    fill(&b, 2);
    let from_a = file(&a, "correct horse");
    let report = import(&b, &from_a, "correct horse").unwrap();
    assert!(report.added > 10, "{report:?}");
    assert_eq!(
        report.updated + report.unchanged,
        1,
        "the profile: {report:?}"
    );
    let from_b = file(&b, "correct horse");
    import(&a, &from_b, "correct horse").unwrap();
    assert_eq!(plain(&a), plain(&b));
    a.integrity_check().unwrap();
    // Both profiles became one; rollers count every session from both
    // (each fill adds one abandoned session).
    assert_eq!(a.totals().unwrap().sessions, 3 + 1 + 2 + 1);
    let again = import(&a, &from_b, "correct horse").unwrap();
    assert_eq!((again.added, again.updated, again.conflicts), (0, 0, 0));
    assert!(again.unchanged > 20);
}

#[test]
fn concurrent_notes_are_kept_as_a_conflict_until_dismissed() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    fill(&a, 1);
    import(&b, &file(&a, "pw"), "pw").unwrap();
    let scar = a.scars().unwrap().remove(0);
    a.edit_notes(NotesOf::Scar, &scar.id, "typed on the phone", &now())
        .unwrap();
    b.edit_notes(NotesOf::Scar, &scar.id, "typed on the tablet", &now())
        .unwrap();
    let report = import(&a, &file(&b, "pw"), "pw").unwrap();
    assert_eq!(report.conflicts, 1);
    import(&b, &file(&a, "pw"), "pw").unwrap();
    assert_eq!(plain(&a), plain(&b));
    let conflicts = a.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let texts = [&conflicts[0].lost_text, &conflicts[0].kept_text];
    assert!(texts.contains(&&"typed on the phone".to_string()));
    assert!(texts.contains(&&"typed on the tablet".to_string()));
    a.dismiss_conflict(&conflicts[0]).unwrap();
    assert!(a.conflicts().unwrap().is_empty());
    import(&b, &file(&a, "pw"), "pw").unwrap();
    assert!(b.conflicts().unwrap().is_empty());
}

#[test]
fn a_delete_sticks_and_travels() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    fill(&a, 2);
    let old = file(&a, "pw");
    import(&b, &old, "pw").unwrap();
    let photo = a.photos().unwrap().remove(0);
    a.delete_entry(EntryKind::Photo, &photo.id, &now()).unwrap();
    import(&b, &file(&a, "pw"), "pw").unwrap();
    assert_eq!(b.photos().unwrap().len(), 1);
    // The stale file does not bring it back.
    import(&a, &old, "pw").unwrap();
    import(&b, &old, "pw").unwrap();
    assert_eq!(a.photos().unwrap().len(), 1);
    assert_eq!(plain(&a), plain(&b));
}

#[test]
fn refused_files_leave_the_journal_untouched() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    fill(&a, 2);
    fill(&b, 1);
    let before = plain(&b);
    let good = file(&a, "right");
    let rejected = |bytes: &[u8], pass: &str| import(&b, bytes, pass).unwrap_err();
    assert!(matches!(
        rejected(&good, "wrong"),
        JournalError::Sync(SyncError::WrongPassphrase)
    ));
    let cut = &good[..good.len() / 2];
    assert!(matches!(
        rejected(cut, "right"),
        JournalError::Sync(SyncError::Truncated | SyncError::Tampered(_))
    ));
    let mut flipped = good.clone();
    let middle = flipped.len() - 40;
    flipped[middle] ^= 0x20;
    assert!(matches!(
        rejected(&flipped, "right"),
        JournalError::Sync(SyncError::Tampered(_))
    ));
    let newer = age::encrypt(
        b"{\"format\":\"dermaroll-sync\",\"version\":2,\"records\":0}\n",
        "right",
        LOG_N,
    )
    .unwrap();
    assert!(matches!(
        rejected(&newer, "right"),
        JournalError::Sync(SyncError::NewerVersion { found: 2, .. })
    ));
    // A record referring to a session that exists nowhere: refused whole.
    let text = plain(&a);
    let dangling: String = text
        .lines()
        .filter(|l| !l.contains("\"t\":\"sessions\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let count = dangling.lines().count() - 1;
    let dangling = dangling.replacen(
        &format!("\"records\":{}", text.lines().count() - 1),
        &format!("\"records\":{count}"),
        1,
    );
    let bytes = age::encrypt(dangling.as_bytes(), "right", LOG_N).unwrap();
    assert!(matches!(
        rejected(&bytes, "right"),
        JournalError::Sync(SyncError::Malformed(_))
    ));
    // Values the journal could not read back on records new here: an
    // unknown facial area, an unknown scar kind, a time out of range. Each is
    // refused whole.
    for (field, bad) in [
        ("\"area\":\"", "\"area\":\"elbow-"),
        ("\"kind\":\"", "\"kind\":\"freckle-"),
        ("\"created_ms\":", "\"created_ms\":9999999999999999"),
    ] {
        let text = plain(&a);
        let broken: String = text
            .lines()
            .map(|l| {
                if l.contains("\"t\":\"scars\"") {
                    format!("{}\n", l.replacen(field, bad, 1))
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
        assert_ne!(broken, text, "{field}");
        let bytes = age::encrypt(broken.as_bytes(), "right", LOG_N).unwrap();
        assert!(
            matches!(
                rejected(&bytes, "right"),
                JournalError::Sync(SyncError::Malformed(_))
            ),
            "{field} {bad}"
        );
    }
    assert_eq!(plain(&b), before);
}

#[test]
fn a_far_future_file_is_accepted_with_a_warning_and_the_clock_moves_past_it() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    fill(&b, 1);
    // Device a's clock is 40 days ahead.
    let ahead = at(365 * 86_400 + 40 * 86_400);
    let scar = a
        .add_scar(
            &ScarInput {
                name: String::new(),
                area: dermaroll_core::protocol::FacialArea::Chin,
                kind: ScarKind::Boxcar,
                baseline: 4,
                notes: "from the future".into(),
            },
            &ahead,
        )
        .unwrap();
    let report = import(&b, &file(&a, "pw"), "pw").unwrap();
    assert_eq!(report.warnings.len(), 1, "{report:?}");
    assert!(report.warnings[0].contains("40 days"), "{report:?}");
    // An edit on b after the import wins over the future stamp.
    b.edit_notes(NotesOf::Scar, &scar.id, "edited later", &now())
        .unwrap();
    import(&a, &file(&b, "pw"), "pw").unwrap();
    let kept = a.scars().unwrap();
    assert!(kept.iter().any(|s| s.input.notes == "edited later"));
}

#[test]
fn the_pinned_work_factor_round_trips_once() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    fill(&a, 1);
    let mut out = Vec::new();
    a.export_sync(&mut out, "pinned", age::WRITE_LOG_N, None)
        .unwrap();
    let header = String::from_utf8_lossy(&out[..120]).into_owned();
    assert!(
        header.contains(&format!(" {}\n", age::WRITE_LOG_N)),
        "{header}"
    );
    b.import_sync(&out[..], "pinned", age::MAX_READ_LOG_N, &now(), None)
        .unwrap();
    assert_eq!(plain(&a), plain(&b));
}

/// A folder with the images of `j`'s photos (named as its records say).
fn photo_folder(j: &Journal) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (n, photo) in j.photos().unwrap().iter().enumerate() {
        let image: Vec<u8> = (0..5_000 + n * 777).map(|i| (i * 31 + n) as u8).collect();
        std::fs::write(folder.path().join(&photo.input.file_name), image).unwrap();
    }
    folder
}

#[test]
fn photo_images_travel_when_asked_and_a_failed_import_leaves_none_behind() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    fill(&a, 3);
    let a_photos = photo_folder(&a);
    let names: Vec<String> = a
        .photos()
        .unwrap()
        .into_iter()
        .map(|p| p.input.file_name)
        .collect();
    assert!(names.len() >= 2, "the fill makes photos");
    let mut with_images = Vec::new();
    a.export_sync(&mut with_images, "right", LOG_N, Some(a_photos.path()))
        .unwrap();
    let without_images = file(&a, "right");
    assert!(with_images.len() > without_images.len() + 10_000);

    // Imported without a folder: the records come, no image is written.
    let (_c_dir, c) = journal();
    let report = import(&c, &with_images, "right").unwrap();
    assert_eq!(report.photo_files, 0);
    assert_eq!(c.photos().unwrap().len(), names.len());

    // Into a folder: every image, byte for byte; again: none (already there).
    let b_photos = tempfile::tempdir().unwrap();
    let into_b = || {
        b.import_sync(
            &with_images[..],
            "right",
            LOG_N,
            &now(),
            Some(b_photos.path()),
        )
        .unwrap()
    };
    let report = into_b();
    assert_eq!(report.photo_files, names.len() as u64);
    for name in &names {
        assert_eq!(
            std::fs::read(b_photos.path().join(name)).unwrap(),
            std::fs::read(a_photos.path().join(name)).unwrap()
        );
    }
    let report = into_b();
    assert_eq!(report.photo_files, 0);
    assert_eq!(report.added + report.updated, 0);

    // The last image line damaged (authentic, but not base64): the import
    // is refused whole, and the images it had already written are removed.
    let text = String::from_utf8(age::decrypt(&with_images, "right", LOG_N).unwrap()).unwrap();
    let last = text.trim_end().rfind('\n').unwrap() + 1;
    let broken = format!(
        "{}{}\n",
        &text[..last],
        text[last..]
            .trim_end()
            .replace("\"data\":\"", "\"data\":\"!")
    );
    let bytes = age::encrypt(broken.as_bytes(), "right", LOG_N).unwrap();
    let (_d_dir, d) = journal();
    let d_photos = tempfile::tempdir().unwrap();
    let refused = d.import_sync(&bytes[..], "right", LOG_N, &now(), Some(d_photos.path()));
    assert!(matches!(
        refused,
        Err(JournalError::Sync(SyncError::Malformed(_)))
    ));
    assert_eq!(std::fs::read_dir(d_photos.path()).unwrap().count(), 0);
    assert!(d.photos().unwrap().is_empty());
}
