//! `dermaroll journal` (the timeline) and `dermaroll` with no command (an
//! overview: profile, next due, last sessions, what to try).

use dermaroll_core::journal::queries::{JournalTotals, TimelineItem, TimelineKind};
use dermaroll_core::journal::Journal;
use serde::Serialize;

use super::plan::default_preferences;
use super::{name, print_json};
use crate::args::JournalArgs;
use crate::clock;
use crate::layout::count;

/// The newest `limit` timeline items (following pages as needed).
pub fn items(journal: &Journal, limit: u32) -> anyhow::Result<Vec<TimelineItem>> {
    let mut items = Vec::new();
    let mut cursor = None;
    while u32::try_from(items.len()).unwrap_or(u32::MAX) < limit {
        let want = limit.saturating_sub(u32::try_from(items.len()).unwrap_or(u32::MAX));
        let page = journal.timeline(cursor.as_ref(), want.min(200))?;
        items.extend(page.items);
        match page.next {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    Ok(items)
}

/// `dermaroll journal`.
pub fn timeline(json: bool, journal: &Journal, args: &JournalArgs) -> anyhow::Result<()> {
    let items = items(journal, args.limit)?;
    if json {
        return print_json(&items);
    }
    print_items(&items);
    Ok(())
}

/// Prints timeline items, one a line.
pub fn print_items(items: &[TimelineItem]) {
    if items.is_empty() {
        println!("The journal is empty. Start with: dermaroll profile, dermaroll roller add, dermaroll session");
    }
    for item in items {
        let kind = match item.kind {
            TimelineKind::Session => "session ",
            TimelineKind::CheckIn => "check-in",
            TimelineKind::Rating => "rating  ",
            TimelineKind::Photo => "photo   ",
        };
        println!("{}  {kind}  {}", clock::moment_text(&item.at), item.summary);
    }
}

/// "3 sessions, 1 check-in, …": every count agreeing with its noun.
pub fn totals_line(t: &JournalTotals) -> String {
    format!(
        "{}, {}, {} ({}), {}, {}",
        count(t.sessions, "session", "sessions"),
        count(t.check_ins, "check-in", "check-ins"),
        count(t.scars, "scar", "scars"),
        count(t.ratings, "rating", "ratings"),
        count(t.photos, "photo", "photos"),
        count(t.rollers, "roller", "rollers"),
    )
}

#[derive(Serialize)]
struct Overview {
    version: &'static str,
    journal: String,
    profile: Option<dermaroll_core::journal::Profile>,
    next_due: Option<dermaroll_core::schedule::NextDue>,
    session_in_progress: bool,
    totals: JournalTotals,
    recent: Vec<TimelineItem>,
}

/// `dermaroll` with no command.
pub fn overview(json: bool, journal: &Journal) -> anyhow::Result<()> {
    let profile = journal.profile()?;
    let has_roller = journal
        .roller_wear()?
        .iter()
        .any(|w| w.roller.retired.is_none());
    let next_due = if profile.is_some() && has_roller {
        journal.next_due(&default_preferences(), &clock::now()).ok()
    } else {
        None
    };
    let overview = Overview {
        version: env!("CARGO_PKG_VERSION"),
        journal: journal.path().display().to_string(),
        profile,
        next_due,
        session_in_progress: journal.resume_guided_session()?.is_some(),
        totals: journal.totals()?,
        recent: items(journal, 5)?,
    };
    if json {
        return print_json(&overview);
    }
    println!("dermaroll {}", overview.version);
    println!("journal: {}", overview.journal);
    match &overview.profile {
        Some(p) => println!(
            "profile: {} skin, {}, bedtime {:02}:{:02}, {}",
            name(&p.sensitivity),
            name(&p.experience),
            p.bedtime_hour,
            p.bedtime_minute,
            p.time_zone
        ),
        None => println!(
            "profile: none yet (dermaroll profile --skin normal --first-timer --bedtime 22:30)"
        ),
    }
    if let Some(due) = &overview.next_due {
        println!(
            "next session: {} ({}), first allowed {}",
            due.due,
            name(&due.status),
            due.earliest_allowed
        );
    }
    if overview.session_in_progress {
        println!("a session is in progress: dermaroll session resumes it");
    }
    println!("{}", totals_line(&overview.totals));
    if !overview.recent.is_empty() {
        println!();
        println!("Latest:");
        print_items(&overview.recent);
    }
    println!();
    println!("Try: dermaroll demo            (a plausible year in a scratch journal)");
    println!("     dermaroll session         (a guided session)");
    println!("     dermaroll journal | plan | progress | export");
    println!("     dermaroll --help");
    Ok(())
}
