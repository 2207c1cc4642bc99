//! `dermaroll demo`: a scratch journal filled with a plausible year (monthly
//! sessions through the real guided session, check-ins, a roller replaced,
//! two scars whose ratings improve, photo references), then the timeline,
//! the progress chart and the plan, with no typing. The year ends today;
//! everything else is fixed, so two runs on one day tell the same story.

use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::{DateTime, Duration, Local, Utc};
use dermaroll_core::journal::guided::{GuidedStart, GuidedUpdate};
use dermaroll_core::journal::queries::TimelineItem;
use dermaroll_core::journal::{
    CheckInInput, CheckInKind, Journal, NewRoller, PhotoInput, ProfileInput, ScarInput, ScarKind,
};
use dermaroll_core::protocol::{Experience, FacialArea, SkinSensitivity};
use dermaroll_core::schedule::{NotificationPlan, TimeOfDay};
use dermaroll_core::session::{SessionEvent, Step, StopSign};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::plan::{default_preferences, plan, print_plan};
use super::{journal as timeline, print_json, progress};
use crate::args::DemoArgs;
use crate::clock;

/// Sessions in the demo year, one a month.
const SESSIONS: i64 = 12;
/// Days between the demo's sessions (the 0.5 mm minimum is 28).
const EVERY_DAYS: i64 = 30;
/// The areas rolled each time.
const AREAS: [FacialArea; 3] = [
    FacialArea::LeftCheek,
    FacialArea::RightCheek,
    FacialArea::Chin,
];

#[derive(Serialize)]
struct DemoReport {
    journal: String,
    chart: String,
    sparkline: String,
    timeline: Vec<TimelineItem>,
    plan: NotificationPlan,
}

/// `dermaroll demo`.
pub fn run(json: bool, args: &DemoArgs) -> anyhow::Result<()> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!(
            "dermaroll-demo-{}",
            Utc::now().format("%Y%m%d-%H%M%S-%3f")
        )),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path: PathBuf = dir.join("journal.sqlite3");
    if path.exists() {
        bail!(
            "{} already holds a journal: the demo needs a fresh folder",
            dir.display()
        );
    }
    let journal = crate::paths::open(&path)?;
    if !json {
        eprintln!("Filling a demo journal with a year of sessions …");
    }
    let scar_id = fill(&journal)?;
    let (series, chart, sparkline) = progress::chart_for(&journal, Some(&scar_id), None, &dir)?;
    let items = timeline::items(&journal, 12)?;
    let plan = plan(&journal, &default_preferences())?;
    if json {
        return print_json(&DemoReport {
            journal: path.display().to_string(),
            chart: chart.display().to_string(),
            sparkline,
            timeline: items,
            plan,
        });
    }
    println!("Demo journal: {}", path.display());
    println!();
    println!("The latest entries (dermaroll journal):");
    timeline::print_items(&items);
    println!();
    println!("Progress of one scar (dermaroll progress):");
    progress::print_summary(&series, &sparkline, &chart);
    println!();
    println!("What the phone would remind you of (dermaroll plan):");
    print_plan(&plan);
    println!();
    println!(
        "Look around: dermaroll --journal {} journal   (or progress, plan, export)",
        path.display()
    );
    Ok(())
}

/// Fills the journal; returns the id of the scar to chart.
fn fill(journal: &Journal) -> anyhow::Result<String> {
    let now = clock::now();
    // The last session was last night at 22:00 local time.
    let last = (Local::now().date_naive() - Duration::days(1))
        .and_hms_opt(22, 0, 0)
        .and_then(|night| night.and_local_timezone(Local).earliest())
        .map_or(now.at - Duration::days(1), |night| {
            night.with_timezone(&Utc)
        });
    let first = last - Duration::days(EVERY_DAYS * (SESSIONS - 1));
    let setup = clock::moment_at(first - Duration::days(3));
    journal.set_profile(
        &ProfileInput {
            sensitivity: Some(SkinSensitivity::Normal),
            experience: Some(Experience::Experienced),
            bedtime: Some(TimeOfDay {
                hour: 22,
                minute: 30,
            }),
            time_zone: Some(clock::zone_name()),
        },
        &setup,
    )?;
    let new_roller = |at: DateTime<Utc>| -> anyhow::Result<String> {
        let moment = clock::moment_at(at);
        Ok(journal
            .add_roller(
                &NewRoller {
                    needle_mm: 0.5,
                    first_use: moment.clone(),
                    uses_so_far: 0,
                },
                &now,
            )?
            .id)
    };
    let mut roller = new_roller(setup.at)?;
    let scars = [
        (
            FacialArea::LeftCheek,
            ScarKind::Rolling,
            7,
            "the broad one by the ear",
        ),
        (FacialArea::Chin, ScarKind::Boxcar, 6, ""),
    ];
    let mut scar_ids = Vec::new();
    for (area, kind, baseline, notes) in scars {
        let scar = journal.add_scar(
            &ScarInput {
                name: String::new(),
                area,
                kind,
                baseline,
                notes: notes.to_string(),
            },
            &setup,
        )?;
        scar_ids.push((scar.id, baseline));
    }
    for month in 0..SESSIONS {
        let start = first + Duration::days(EVERY_DAYS * month);
        if month == 9 {
            // Ten uses: the roller is replaced before the tenth month.
            journal.retire_roller(&roller, &clock::moment_at(start - Duration::hours(1)))?;
            roller = new_roller(start - Duration::minutes(50))?;
        }
        let ended = roll(journal, &roller, start, month)?;
        let session_id = journal
            .resume_guided_session()?
            .map(|u| u.session_id)
            .context("the demo session is not in progress")?;
        let discomfort = u32::try_from(4 - month.min(8) / 3).unwrap_or(2);
        journal.finish_guided_session(discomfort, "", &now)?;
        // The sting check, then the next morning.
        for (after, stinging, redness, dryness, notes) in [
            (
                Duration::minutes(35),
                false,
                true,
                false,
                "warm, a bit pink",
            ),
            (
                Duration::hours(10),
                false,
                month % 3 == 0,
                true,
                "dry; moisturised",
            ),
        ] {
            let at = clock::moment_at(ended + after);
            if at.at > now.at {
                continue;
            }
            journal.record_check_in(
                &CheckInInput {
                    session_id: session_id.clone(),
                    kind: CheckInKind::FollowUp,
                    at,
                    stinging,
                    redness,
                    dryness,
                    swelling: false,
                    swelling_spreading: false,
                    pus: false,
                    fever: false,
                    notes: notes.to_string(),
                },
                &now,
            )?;
        }
        // A rating of each scar a week after, improving slowly (with the
        // odd flat month, as real skin does).
        let rated = clock::moment_at(start + Duration::days(7));
        if rated.at <= now.at {
            for (index, (scar_id, baseline)) in scar_ids.iter().enumerate() {
                let drop = u32::try_from((month + 1) * 5 / SESSIONS).unwrap_or(0);
                let wiggle = u32::from(month == 6 && index == 0);
                let rating = baseline.saturating_sub(drop) + wiggle;
                journal.rate_scar(scar_id, rating.min(10), &rated, "", &now)?;
            }
        }
        if month % 3 == 0 {
            let taken = clock::moment_at(start - Duration::minutes(20));
            let file_name = format!("demo-left-cheek-{:02}.jpg", month + 1);
            let hash: String = Sha256::digest(file_name.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            journal.add_photo(
                &PhotoInput {
                    file_name,
                    taken,
                    area: FacialArea::LeftCheek,
                    content_hash: hash,
                    session_id: None,
                },
                &now,
            )?;
        }
    }
    scar_ids
        .into_iter()
        .next()
        .map(|(id, _)| id)
        .context("no scar in the demo")
}

/// Rolls one guided session through the core at `start`, firing every timer
/// at its own instant; some areas end on a stop sign, some nights have a
/// mask. Returns when rolling ended.
fn roll(
    journal: &Journal,
    roller: &str,
    start: DateTime<Utc>,
    month: i64,
) -> anyhow::Result<DateTime<Utc>> {
    let mut t = start;
    let mut update: GuidedUpdate = journal.start_guided_session(
        &GuidedStart {
            roller_id: roller.to_string(),
            areas: AREAS.to_vec(),
            passes: None,
            cue_cadence_seconds: None,
        },
        &clock::moment_at(t),
    )?;
    let mask = month % 2 == 1;
    let mut rolling_ended = None;
    while !update.awaiting_finish {
        let view = &update.view;
        let event = match view.step {
            Step::SterilizeRoller | Step::CleanseFace | Step::Rinse | Step::StoreRoller => {
                t += Duration::seconds(90);
                SessionEvent::Continue
            }
            Step::Rolling => {
                // The chin reaches pinpoint bleeding early every third month;
                // the right cheek turns dark pink-red once.
                let stop = match view.area {
                    Some(FacialArea::Chin) if month % 3 == 1 => Some(StopSign::PinpointBleeding),
                    Some(FacialArea::RightCheek) if month == 5 => Some(StopSign::DarkPinkRed),
                    _ => None,
                };
                match (stop, view.pass_number, view.horizontal_done) {
                    (Some(sign), Some(_), done) if done >= 2 => {
                        t += Duration::seconds(2);
                        SessionEvent::Stop { sign }
                    }
                    _ => next_timer(view, &mut t)?,
                }
            }
            Step::MaskOffer => {
                rolling_ended.get_or_insert(t);
                t += Duration::seconds(30);
                if mask {
                    SessionEvent::StartMask
                } else {
                    SessionEvent::SkipMask
                }
            }
            Step::MaskWait if view.pending_timer_id.is_some() => next_timer(view, &mut t)?,
            Step::MaskWait => {
                t += Duration::seconds(60);
                SessionEvent::Continue
            }
            Step::Done | Step::Abandoned => bail!("the demo session ended unexpectedly"),
        };
        update = journal.apply_guided_event(&event, &clock::moment_at(t))?;
    }
    Ok(rolling_ended.unwrap_or(t))
}

/// The pending timer fired at its own instant.
fn next_timer(
    view: &dermaroll_core::session::SessionView,
    t: &mut DateTime<Utc>,
) -> anyhow::Result<SessionEvent> {
    match (view.pending_timer_id, view.pending_timer_fires_at) {
        (Some(timer_id), Some(fires_at)) => {
            *t = fires_at.max(*t);
            Ok(SessionEvent::TimerFired { timer_id })
        }
        _ => bail!("the demo session waits for a timer that is not running"),
    }
}
