//! Sync through the journal: export on one journal, import on another; the
//! states converge byte for byte; concurrent notes are kept as conflicts;
//! a wrong passphrase, a truncated, tampered or newer file is a typed error
//! and the journal is untouched. A reduced scrypt work factor keeps these
//! fast; the pinned one is exercised once.

mod journal_support;

use dermaroll_core::journal::*;
use dermaroll_core::sync::{age, SyncError};
use journal_support::{at, fill, journal, now};

const LOG_N: u8 = 4;

fn plain(j: &Journal) -> String {
    let mut out = Vec::new();
    j.export_sync_plaintext(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn file(j: &Journal, passphrase: &str) -> Vec<u8> {
    let mut out = Vec::new();
    j.export_sync(&mut out, passphrase, LOG_N).unwrap();
    out
}

fn import(j: &Journal, bytes: &[u8], passphrase: &str) -> Result<SyncReport> {
    j.import_sync(bytes, passphrase, LOG_N, &now())
}

#[test]
fn two_journals_converge_byte_for_byte_and_reimport_changes_nothing() {
    let (_a_dir, a) = journal();
    let (_b_dir, b) = journal();
    a.set_device_id("phone").unwrap();
    b.set_device_id("tablet").unwrap();
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
    // Both profiles became one; rollers count every session from both.
    assert_eq!(a.totals().unwrap().sessions, 5);
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
    a.export_sync(&mut out, "pinned", age::WRITE_LOG_N).unwrap();
    let header = String::from_utf8_lossy(&out[..120]).into_owned();
    assert!(
        header.contains(&format!(" {}\n", age::WRITE_LOG_N)),
        "{header}"
    );
    b.import_sync(&out[..], "pinned", age::MAX_READ_LOG_N, &now())
        .unwrap();
    assert_eq!(plain(&a), plain(&b));
}
