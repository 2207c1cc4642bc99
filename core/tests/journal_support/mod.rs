//! Helpers shared by the journal's integration tests: moments, a journal in
//! a temporary folder, and a filler that writes every kind of record.
#![allow(dead_code)]

use chrono::DateTime;
use dermaroll_core::journal::*;
use dermaroll_core::protocol::{AreaEndpoint, Experience, FacialArea, SkinSensitivity};
use dermaroll_core::schedule::TimeOfDay;

/// 2026-01-01T00:00:00Z.
pub const BASE: i64 = 1_767_225_600;

/// A moment `secs` after [`BASE`], in Berlin winter time.
pub fn at(secs: i64) -> Moment {
    at_zoned(secs, 60, "Europe/Berlin")
}

/// A moment `secs` after [`BASE`] with an explicit offset and zone.
pub fn at_zoned(secs: i64, offset: i32, zone: &str) -> Moment {
    Moment {
        at: DateTime::from_timestamp(BASE + secs, 0).unwrap(),
        utc_offset_minutes: offset,
        zone: zone.into(),
    }
}

/// "Now" for tests: a year after [`BASE`].
pub fn now() -> Moment {
    at(365 * 86_400)
}

/// A journal in a fresh temporary folder, as a new install (a fresh device id).
pub fn journal() -> (tempfile::TempDir, Journal) {
    journal_as(&format!("install-{}", Journal::new_id().unwrap()))
}

/// A journal in a fresh temporary folder on the device `device_id`.
pub fn journal_as(device_id: &str) -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(dir.path().join("journal.sqlite3"), device_id).unwrap();
    (dir, journal)
}

/// A finished session on `roller_id`, recorded through events like the app does.
pub fn session(j: &Journal, roller_id: &str, start: i64) -> SessionRecord {
    let id = Journal::new_id().unwrap();
    for step in 0..3 {
        j.record_session_event(
            &id,
            &format!(r#"{{"step":{step}}}"#),
            &at(start + step * 60),
            &format!(r#"{{"v":1,"step":{step}}}"#),
        )
        .unwrap();
    }
    let record = SessionRecord {
        id,
        roller_id: roller_id.to_string(),
        started: at(start),
        ended: at(start + 1200),
        outcome: SessionOutcome::Completed,
        areas: vec![
            AreaRecord {
                area: FacialArea::LeftCheek,
                vertical_passes: 6,
                horizontal_passes: 6,
                endpoint: AreaEndpoint::PassesCompleted,
            },
            AreaRecord {
                area: FacialArea::Forehead,
                vertical_passes: 4,
                horizontal_passes: 3,
                endpoint: AreaEndpoint::DarkPinkRed,
            },
        ],
        discomfort: Some(3),
        notes: "tingly, \"fine\", then calm".into(),
    };
    j.finish_session(&record, &now()).unwrap()
}

/// A check-in `minutes` after `session`'s end (the sting check within the
/// first hour, else the morning check).
pub fn check_in(session: &SessionRecord, minutes: i64, stinging: bool, pus: bool) -> CheckInInput {
    CheckInInput {
        session_id: session.id.clone(),
        kind: if minutes < 60 {
            CheckInKind::StingCheck
        } else {
            CheckInKind::Morning
        },
        at: Moment {
            at: session.ended.at + chrono::Duration::minutes(minutes),
            ..session.ended.clone()
        },
        stinging,
        redness: true,
        dryness: minutes > 600,
        swelling: false,
        swelling_spreading: false,
        pus,
        fever: false,
        notes: String::new(),
    }
}

/// Writes a bit of everything: profile, rollers, a passed patch test,
/// `sessions` monthly sessions with check-ins (one red flag, cleared),
/// a named scar with ratings and an archived one, photos (some linked to
/// their session), an abandoned session, and a session still in progress.
pub fn fill(j: &Journal, sessions: usize) {
    j.set_profile(
        &ProfileInput {
            sensitivity: Some(SkinSensitivity::Normal),
            experience: Some(Experience::Experienced),
            bedtime: Some(TimeOfDay {
                hour: 22,
                minute: 30,
            }),
            time_zone: Some("Europe/Berlin".into()),
        },
        &now(),
    )
    .unwrap();
    let roller = j
        .add_roller(
            &NewRoller {
                needle_mm: 0.5,
                first_use: at(0),
                uses_so_far: 1,
            },
            &now(),
        )
        .unwrap();
    let old = j
        .add_roller(
            &NewRoller {
                needle_mm: 0.25,
                first_use: at(-86_400),
                uses_so_far: 12,
            },
            &now(),
        )
        .unwrap();
    j.retire_roller(&old.id, &now()).unwrap();
    let test = j
        .start_patch_test(0.5, "inner forearm", &at(-3 * 86_400))
        .unwrap();
    j.read_patch_test(&test.id, PatchTestResult::Passed, "calm", &at(-86_400))
        .unwrap();
    let archived = j
        .add_scar(
            &ScarInput {
                name: "by the ear".into(),
                area: FacialArea::Jaw,
                kind: ScarKind::IcePick,
                baseline: 3,
                notes: String::new(),
            },
            &now(),
        )
        .unwrap();
    j.set_scar_archived(&archived.id, true, &now()).unwrap();
    let scar = j
        .add_scar(
            &ScarInput {
                name: "the big one".into(),
                area: FacialArea::LeftCheek,
                kind: ScarKind::Rolling,
                baseline: 7,
                notes: "big one".into(),
            },
            &now(),
        )
        .unwrap();
    for n in 0..sessions {
        let start = n as i64 * 30 * 86_400 + 21 * 3600;
        let s = session(j, &roller.id, start);
        j.record_check_in(&check_in(&s, 20, true, false), &now())
            .unwrap();
        let next_morning = j
            .record_check_in(&check_in(&s, 600, false, n == 1), &now())
            .unwrap();
        if n == 1 {
            j.confirm_cleared(&next_morning.check_in.id, &now())
                .unwrap();
        }
        j.rate_scar(
            &scar.id,
            7 - (n as u32 % 7),
            &at(start + 86_400),
            "",
            &now(),
        )
        .unwrap();
        j.add_photo(
            &PhotoInput {
                file_name: format!("photo-{n}.jpg"),
                taken: at(start + 90_000),
                area: FacialArea::LeftCheek,
                content_hash: format!("{:064x}", n + 1),
                session_id: (n % 2 == 1).then(|| s.id.clone()),
            },
            &now(),
        )
        .unwrap();
    }
    let abandoned = SessionRecord {
        id: Journal::new_id().unwrap(),
        roller_id: roller.id.clone(),
        started: at(sessions as i64 * 30 * 86_400 + 21 * 3600),
        ended: at(sessions as i64 * 30 * 86_400 + 21 * 3600 + 300),
        outcome: SessionOutcome::Abandoned,
        areas: vec![AreaRecord {
            area: FacialArea::Chin,
            vertical_passes: 2,
            horizontal_passes: 0,
            endpoint: AreaEndpoint::Interrupted,
        }],
        discomfort: None,
        notes: String::new(),
    };
    j.finish_session(&abandoned, &now()).unwrap();
    let open = Journal::new_id().unwrap();
    j.record_session_event(
        &open,
        r#"{"step":0}"#,
        &at(360 * 86_400),
        r#"{"v":1,"step":0}"#,
    )
    .unwrap();
}

/// The whole journal as JSON text.
pub fn export(j: &Journal) -> String {
    let mut out = Vec::new();
    j.export_json(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}
