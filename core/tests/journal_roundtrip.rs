//! Property: exporting any journal as JSON and importing it into an empty
//! journal gives an identical journal (the same export, the same answers).

mod journal_support;

use chrono::{DateTime, Duration};
use dermaroll_core::journal::*;
use dermaroll_core::protocol::{AreaEndpoint, Experience, FacialArea, SkinSensitivity};
use dermaroll_core::schedule::TimeOfDay;
use journal_support::{export, journal, now, BASE};
use proptest::prelude::*;

const ZONES: [&str; 5] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Chatham",
    "UTC",
];

#[derive(Debug, Clone)]
enum Op {
    Profile(u8, u8, u32, u32, usize),
    Roller(u32, u32, bool),
    Session(usize, Vec<(usize, u32, u32, u8)>, u32, String, usize),
    CheckIn(usize, u32, [bool; 7], bool, String),
    Scar(usize, u8, u32, String),
    Rating(usize, u32, String),
    Photo(String, usize, String),
    InProgress(usize),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[ -~]{0,30}", "\\PC{0,20}"]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..3, 0u8..2, 0u32..24, 0u32..60, 0usize..5)
            .prop_map(|(s, e, h, m, z)| Op::Profile(s, e, h, m, z)),
        (100u32..=750, 0u32..20, any::<bool>())
            .prop_map(|(um, uses, retire)| Op::Roller(um, uses, retire)),
        (
            any::<usize>(),
            prop::collection::vec((0usize..6, 0u32..=10, 0u32..=10, 0u8..4), 0..4),
            0u32..=10,
            text(),
            0usize..4
        )
            .prop_map(|(r, areas, d, notes, events)| Op::Session(r, areas, d, notes, events)),
        (
            any::<usize>(),
            0u32..10_000,
            any::<[bool; 7]>(),
            any::<bool>(),
            text()
        )
            .prop_map(|(s, minutes, flags, clear, notes)| Op::CheckIn(
                s, minutes, flags, clear, notes
            )),
        (0usize..6, 0u8..3, 0u32..=10, text()).prop_map(|(a, k, b, n)| Op::Scar(a, k, b, n)),
        (any::<usize>(), 0u32..=10, text()).prop_map(|(s, r, n)| Op::Rating(s, r, n)),
        ("[a-z0-9_-]{1,20}\\.jpg", 0usize..6, "[0-9a-f]{64}")
            .prop_map(|(f, a, h)| Op::Photo(f, a, h)),
        (1usize..4).prop_map(Op::InProgress),
    ]
}

struct Clock(i64, usize);

impl Clock {
    fn next(&mut self) -> Moment {
        self.0 += 3_601;
        self.1 += 1;
        let zone = ZONES[self.1 % ZONES.len()];
        let offset = [60, -300, 330, 765, 0][self.1 % ZONES.len()];
        Moment {
            at: DateTime::from_timestamp(BASE + self.0, 0).unwrap()
                + Duration::milliseconds((self.1 * 37 % 1000) as i64),
            utc_offset_minutes: offset,
            zone: zone.into(),
        }
    }
}

fn apply(j: &Journal, ops: &[Op]) {
    let now = now();
    let mut clock = Clock(0, 0);
    let (mut rollers, mut sessions, mut scars) = (Vec::new(), Vec::new(), Vec::new());
    let mut in_progress = None;
    for op in ops {
        match op {
            Op::Profile(s, e, h, m, z) => {
                let input = ProfileInput {
                    sensitivity: Some(
                        [
                            SkinSensitivity::Sensitive,
                            SkinSensitivity::Normal,
                            SkinSensitivity::Resilient,
                        ][*s as usize],
                    ),
                    experience: Some(
                        [Experience::FirstTimer, Experience::Experienced][*e as usize],
                    ),
                    bedtime: Some(TimeOfDay {
                        hour: *h,
                        minute: *m,
                    }),
                    time_zone: Some(ZONES[*z].into()),
                };
                j.set_profile(&input, &clock.next()).unwrap();
            }
            Op::Roller(um, uses, retire) => {
                let r = j
                    .add_roller(
                        &NewRoller {
                            needle_mm: f64::from(*um) / 1000.0,
                            first_use: clock.next(),
                            uses_so_far: *uses,
                        },
                        &now,
                    )
                    .unwrap();
                if *retire {
                    j.retire_roller(&r.id, &clock.next()).unwrap();
                }
                rollers.push(r.id);
            }
            Op::Session(r, areas, discomfort, notes, events) => {
                if rollers.is_empty() || in_progress.is_some() {
                    continue;
                }
                let id = Journal::new_id().unwrap();
                for e in 0..*events {
                    j.record_session_event(
                        &id,
                        &format!("[{e}]"),
                        &clock.next(),
                        &format!(r#"{{"e":{e}}}"#),
                    )
                    .unwrap();
                }
                let mut seen = Vec::new();
                let areas = areas
                    .iter()
                    .filter(|(a, ..)| {
                        let fresh = !seen.contains(a);
                        seen.push(*a);
                        fresh
                    })
                    .map(|(a, v, h, e)| AreaRecord {
                        area: FacialArea::ALL[*a],
                        vertical_passes: *v,
                        horizontal_passes: *h,
                        endpoint: [
                            AreaEndpoint::PassesCompleted,
                            AreaEndpoint::DarkPinkRed,
                            AreaEndpoint::PinpointBleeding,
                            AreaEndpoint::Skipped,
                        ][*e as usize],
                    })
                    .collect();
                let record = SessionRecord {
                    id: id.clone(),
                    roller_id: rollers[r % rollers.len()].clone(),
                    started: clock.next(),
                    ended: clock.next(),
                    outcome: SessionOutcome::Completed,
                    areas,
                    discomfort: Some(*discomfort),
                    notes: notes.clone(),
                };
                j.finish_session(&record, &now).unwrap();
                sessions.push(record);
            }
            Op::CheckIn(s, minutes, f, clear, notes) => {
                if sessions.is_empty() {
                    continue;
                }
                let session = &sessions[s % sessions.len()];
                let mut at = session.ended.clone();
                at.at += Duration::minutes(i64::from(*minutes));
                let input = CheckInInput {
                    session_id: session.id.clone(),
                    kind: CheckInKind::FollowUp,
                    at,
                    stinging: f[0],
                    redness: f[1],
                    dryness: f[2],
                    swelling: f[3],
                    swelling_spreading: f[4],
                    pus: f[5],
                    fever: f[6],
                    notes: notes.clone(),
                };
                let outcome = j.record_check_in(&input, &now).unwrap();
                if *clear {
                    j.confirm_cleared(&outcome.check_in.id, &now).unwrap();
                }
            }
            Op::Scar(a, k, b, n) => {
                let input = ScarInput {
                    name: String::new(),
                    area: FacialArea::ALL[*a],
                    kind: [ScarKind::IcePick, ScarKind::Boxcar, ScarKind::Rolling][*k as usize],
                    baseline: *b,
                    notes: n.clone(),
                };
                scars.push(j.add_scar(&input, &clock.next()).unwrap().id);
            }
            Op::Rating(s, r, n) => {
                if scars.is_empty() {
                    continue;
                }
                j.rate_scar(&scars[s % scars.len()], *r, &clock.next(), n, &now)
                    .unwrap();
            }
            Op::Photo(f, a, h) => {
                let input = PhotoInput {
                    file_name: f.clone(),
                    taken: clock.next(),
                    area: FacialArea::ALL[*a],
                    content_hash: h.clone(),
                    session_id: None,
                };
                j.add_photo(&input, &now).unwrap();
            }
            Op::InProgress(events) => {
                let id = in_progress
                    .get_or_insert_with(|| Journal::new_id().unwrap())
                    .clone();
                for e in 0..*events {
                    j.record_session_event(&id, "{}", &clock.next(), &format!(r#"{{"open":{e}}}"#))
                        .unwrap();
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn json_export_import_round_trip_is_identical(ops in prop::collection::vec(op(), 0..40)) {
        let (_a, original) = journal();
        apply(&original, &ops);
        let text = export(&original);
        let (_b, copy) = journal();
        copy.import_json(text.as_bytes(), &now()).unwrap();
        prop_assert_eq!(export(&copy), text);
        prop_assert_eq!(copy.totals().unwrap(), original.totals().unwrap());
        prop_assert_eq!(copy.session_hold().unwrap(), original.session_hold().unwrap());
        prop_assert_eq!(copy.roller_wear().unwrap(), original.roller_wear().unwrap());
        prop_assert_eq!(copy.timeline(None, 500).unwrap(), original.timeline(None, 500).unwrap());
    }
}
