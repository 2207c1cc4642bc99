//! `dermaroll plan`: the notifications the phone would hold, in local time.

use dermaroll_core::journal::facts::ReminderPreferences;
use dermaroll_core::journal::Journal;
use dermaroll_core::schedule::{NotificationPlan, Platform, QuietHours, TimeOfDay, Trigger};

use super::{name, print_json};
use crate::args::PlanArgs;
use crate::clock;

/// The reminder preferences when no flag is given.
pub fn default_preferences() -> ReminderPreferences {
    ReminderPreferences {
        wake_time: TimeOfDay {
            hour: 7,
            minute: 30,
        },
        lead_minutes: None,
        quiet_hours: None,
        interval_days: None,
    }
}

/// The notification plan for these preferences, now.
pub fn plan(
    journal: &Journal,
    preferences: &ReminderPreferences,
) -> anyhow::Result<NotificationPlan> {
    if journal.profile()?.is_none() {
        anyhow::bail!(
            "no profile yet: the plan needs your bedtime; set it with dermaroll profile --bedtime 22:30"
        );
    }
    Ok(journal.notification_plan(preferences, &[], &clock::now(), Platform::Android)?)
}

/// `dermaroll plan`.
pub fn run(json: bool, journal: &Journal, args: &PlanArgs) -> anyhow::Result<()> {
    let preferences = ReminderPreferences {
        wake_time: args.wake,
        lead_minutes: args.lead_minutes,
        quiet_hours: args
            .quiet_hours
            .map(|(start, end)| QuietHours { start, end }),
        interval_days: args.interval_days,
    };
    let plan = plan(journal, &preferences)?;
    if json {
        return print_json(&plan);
    }
    print_plan(&plan);
    Ok(())
}

/// Prints each notification: when (local), kind, title.
pub fn print_plan(plan: &NotificationPlan) {
    if plan.notifications.is_empty() {
        println!("No notifications planned.");
    }
    for n in &plan.notifications {
        println!("{}  {:<22}  {}", when(&n.trigger), name(&n.kind), n.title);
    }
    if plan.held_back > 0 {
        println!(
            "({} more held back by the phone's limit of {})",
            plan.held_back, plan.cap
        );
    }
}

/// A trigger as local time: a wall-clock trigger as it stands, a fixed
/// instant converted to the local zone.
fn when(trigger: &Trigger) -> String {
    match trigger {
        Trigger::WallClock { at } => clock::floating_text(at),
        Trigger::FixedInstant { at } => clock::local_text(*at),
    }
}
