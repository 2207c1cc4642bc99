//! The journal's entries from the terminal: profile, rollers, check-ins,
//! scars and photos, and the roller safety gate.

use std::io::Read;

use anyhow::{bail, Context};
use dermaroll_core::journal::{
    CheckInInput, CheckInKind, Journal, NewRoller, PhotoInput, ProfileInput, ScarInput,
};
use dermaroll_core::protocol::{self, RollerInput, Verdict};
use sha2::{Digest, Sha256};

use super::{name, print_json};
use crate::args::{
    experience, CheckRollerArgs, CheckinArgs, PhotoAction, PhotoArgs, ProfileArgs, RollerAction,
    RollerArgs, ScarAction, ScarArgs,
};
use crate::clock;

/// `dermaroll check-roller`.
pub fn check_roller(json: bool, args: &CheckRollerArgs) -> anyhow::Result<()> {
    let check = protocol::check_roller(RollerInput {
        needle_mm: args.needle_mm,
        sensitivity: args.skin.into(),
        experience: experience(args.experienced),
    })?;
    if json {
        return print_json(&check);
    }
    let headline = match check.verdict {
        Verdict::Go => "Go: this roller is fine for a home session.",
        Verdict::GoWithCautions => "Go, with cautions:",
        Verdict::Refused => "Not at home:",
    };
    println!("{headline}");
    for reason in &check.reasons {
        println!("  - {}", reason.text);
    }
    Ok(())
}

/// `dermaroll profile`: shows the profile, or sets what the flags give
/// (the rest kept from the stored profile, or defaults the first time).
pub fn profile(json: bool, journal: &Journal, args: &ProfileArgs) -> anyhow::Result<()> {
    let existing = journal.profile()?;
    let changing = args.skin.is_some()
        || args.experienced
        || args.first_timer
        || args.bedtime.is_some()
        || args.time_zone.is_some();
    let profile = if changing {
        // Only what the person typed is an edit; the core keeps the rest
        // (or, on a new profile, takes its defaults).
        let input = ProfileInput {
            sensitivity: args.skin.map(Into::into),
            experience: match (args.experienced, args.first_timer) {
                (true, _) => Some(experience(true)),
                (_, true) => Some(experience(false)),
                _ => None,
            },
            bedtime: args.bedtime,
            time_zone: args
                .time_zone
                .as_deref()
                .map(clock::known_zone)
                .transpose()?,
        };
        Some(journal.set_profile(&input, &clock::now())?)
    } else {
        existing
    };
    if json {
        return print_json(&profile);
    }
    match profile {
        None => println!(
            "No profile yet. Set one: dermaroll profile --skin normal --first-timer --bedtime 22:30"
        ),
        Some(p) => {
            println!("skin:       {}", name(&p.sensitivity));
            println!("experience: {}", name(&p.experience));
            println!("bedtime:    {:02}:{:02}", p.bedtime_hour, p.bedtime_minute);
            println!("time zone:  {}", p.time_zone);
        }
    }
    Ok(())
}

/// `dermaroll roller`.
pub fn roller(json: bool, journal: &Journal, args: &RollerArgs) -> anyhow::Result<()> {
    match &args.action {
        Some(RollerAction::Add { needle_mm, uses }) => {
            let now = clock::now();
            let roller = journal.add_roller(
                &NewRoller {
                    needle_mm: *needle_mm,
                    first_use: now.clone(),
                    uses_so_far: *uses,
                },
                &now,
            )?;
            if json {
                return print_json(&roller);
            }
            println!("Added roller {} ({} mm).", roller.id, roller.needle_mm);
        }
        Some(RollerAction::Retire { id }) => {
            let roller = journal.retire_roller(id, &clock::now())?;
            if json {
                return print_json(&roller);
            }
            println!("Retired roller {} after {} uses.", roller.id, roller.uses);
        }
        None | Some(RollerAction::List) => {
            let wear = journal.roller_wear()?;
            if json {
                return print_json(&wear);
            }
            if wear.is_empty() {
                println!("No rollers yet. Add one: dermaroll roller add --needle-mm 0.5");
            }
            for w in &wear {
                let state = match (&w.roller.retired, w.replace_now) {
                    (Some(_), _) => "retired",
                    (None, true) => "replace now",
                    (None, false) => "in use",
                };
                println!(
                    "{}  {} mm  {}/{} uses  {state}",
                    w.roller.id, w.roller.needle_mm, w.roller.uses, w.replace_after_uses
                );
            }
        }
    }
    Ok(())
}

/// `dermaroll checkin`.
pub fn checkin(json: bool, journal: &Journal, args: &CheckinArgs) -> anyhow::Result<()> {
    let now = clock::now();
    if let Some(id) = &args.cleared {
        let check_in = journal.confirm_cleared(id, &now)?;
        if json {
            return print_json(&check_in);
        }
        println!("Noted: the red flag of check-in {id} has cleared.");
        return Ok(());
    }
    let session_id = match &args.session {
        Some(id) => id.clone(),
        None => latest_session(journal)?,
    };
    let outcome = journal.record_check_in(
        &CheckInInput {
            session_id,
            kind: CheckInKind::FollowUp,
            at: now.clone(),
            stinging: args.stinging,
            redness: args.redness,
            dryness: args.dryness,
            swelling: args.swelling,
            swelling_spreading: args.spreading,
            pus: args.pus,
            fever: args.fever,
            notes: args.notes.clone(),
        },
        &now,
    )?;
    if json {
        return print_json(&outcome);
    }
    let judgement = &outcome.judgement;
    println!(
        "Check-in {} recorded: {}.",
        outcome.check_in.id,
        name(&judgement.verdict)
    );
    for flag in &judgement.red_flags {
        println!("  red flag: {}", flag.text());
    }
    println!("  {}", judgement.advice);
    if judgement.hold_next_session {
        println!(
            "  The next session is held back until you confirm it cleared: dermaroll checkin --cleared {}",
            outcome.check_in.id
        );
    }
    Ok(())
}

/// The id of the newest finished session.
fn latest_session(journal: &Journal) -> anyhow::Result<String> {
    let mut cursor = None;
    loop {
        let page = journal.timeline(cursor.as_ref(), 200)?;
        if let Some(item) = page
            .items
            .iter()
            .find(|i| i.kind == dermaroll_core::journal::queries::TimelineKind::Session)
        {
            return Ok(item.id.clone());
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => bail!("no session recorded yet: a check-in follows a session"),
        }
    }
}

/// `dermaroll scar`.
pub fn scar(json: bool, journal: &Journal, args: &ScarArgs) -> anyhow::Result<()> {
    let now = clock::now();
    match &args.action {
        Some(ScarAction::Add {
            area,
            kind,
            baseline,
            notes,
        }) => {
            let scar = journal.add_scar(
                &ScarInput {
                    name: String::new(),
                    area: (*area).into(),
                    kind: (*kind).into(),
                    baseline: *baseline,
                    notes: notes.clone(),
                },
                &now,
            )?;
            if json {
                return print_json(&scar);
            }
            println!(
                "Following scar {} ({}, {}).",
                scar.id,
                name(&scar.input.area),
                name(&scar.input.kind)
            );
        }
        Some(ScarAction::Rate { id, rating, notes }) => {
            let rating = journal.rate_scar(id, *rating, &now, notes, &now)?;
            if json {
                return print_json(&rating);
            }
            println!("Rated scar {}: {}/10.", rating.scar_id, rating.rating);
        }
        None | Some(ScarAction::List) => {
            let scars = journal.scars()?;
            if json {
                return print_json(&scars);
            }
            if scars.is_empty() {
                println!("No scars followed yet. Add one: dermaroll scar add --area left-cheek --kind rolling --baseline 7");
            }
            for s in &scars {
                println!(
                    "{}  {}  {}  baseline {}/10  since {}",
                    s.id,
                    name(&s.input.area),
                    name(&s.input.kind),
                    s.input.baseline,
                    clock::moment_text(&s.created)
                );
            }
        }
    }
    Ok(())
}

/// `dermaroll photo`.
pub fn photo(json: bool, journal: &Journal, args: &PhotoArgs) -> anyhow::Result<()> {
    match &args.action {
        Some(PhotoAction::Add { file, area }) => {
            let file_name = file
                .file_name()
                .and_then(|n| n.to_str())
                .with_context(|| format!("{} has no usable file name", file.display()))?
                .to_string();
            let hash = sha256_file(file)?;
            let now = clock::now();
            let photo = journal.add_photo(
                &PhotoInput {
                    file_name,
                    taken: now.clone(),
                    area: (*area).into(),
                    content_hash: hash,
                    session_id: None,
                },
                &now,
            )?;
            if json {
                return print_json(&photo);
            }
            println!(
                "Photo {} recorded ({}, {}).",
                photo.id,
                photo.input.file_name,
                name(&photo.input.area)
            );
        }
        None | Some(PhotoAction::List) => {
            let photos = journal.photos()?;
            if json {
                return print_json(&photos);
            }
            if photos.is_empty() {
                println!("No photos yet. Record one: dermaroll photo add FILE --area left-cheek");
            }
            for p in &photos {
                println!(
                    "{}  {}  {}  {}",
                    clock::moment_text(&p.input.taken),
                    name(&p.input.area),
                    p.input.file_name,
                    &p.input.content_hash[..p.input.content_hash.len().min(12)]
                );
            }
        }
    }
    Ok(())
}

/// The SHA-256 of a file, as lowercase hex.
fn sha256_file(path: &std::path::Path) -> anyhow::Result<String> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = [0u8; 64 * 1024];
    loop {
        let read = file
            .read(&mut buffer)
            .with_context(|| format!("reading {}", path.display()))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect())
}
