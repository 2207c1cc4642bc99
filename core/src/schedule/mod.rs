//! The schedule: when sessions are due, the aftercare timeline of a finished
//! session, and the notification plan the shells hand to iOS and Android.
//!
//! Pure: it takes the journal's facts as plain input ([`ScheduleFacts`]) and
//! never reads a clock or storage. No time-zone database: wall-clock
//! reminders leave as floating local date-times ([`Trigger::WallClock`]),
//! delays as instants ([`Trigger::FixedInstant`]); docs/notifications.md
//! tells the shells how to turn them into platform triggers.
//!
//! Files: [`facts`] (input), [`due`] (due dates, year plan, adherence),
//! [`aftercare`] (the timeline), [`quiet`] (quiet-hour rules), [`plan`]
//! (the notification plan, ids, cap), [`reconcile`], [`text`] (the words).

pub mod aftercare;
pub mod due;
pub mod error;
pub mod facts;
pub mod plan;
pub mod quiet;
pub mod reconcile;
pub mod text;

pub use due::{Adherence, DueStatus, NextDue, PlannedSession};
pub use error::ScheduleError;
pub use facts::{
    ActiveRoller, OffsetInstant, PersonTimer, PersonTimerKind, Platform, QuietHours, ScheduleFacts,
    ScheduleProfile, TimeOfDay,
};
pub use plan::{
    aftercare_timeline, estimated_instant, notification_plan, NotificationKind, NotificationPlan,
    PlannedNotification, Trigger,
};
pub use reconcile::{reconcile, Reconciliation};

/// When the next session is due, and where it stands today. Needs a roller
/// (an error on `roller` otherwise).
pub fn next_due(facts: &ScheduleFacts) -> Result<NextDue, ScheduleError> {
    let checked = facts::check(facts)?;
    Ok(due::next_due(&checked, facts.patch_test_started.as_ref())?)
}

/// The planned sessions from today to a year ahead. Needs a roller.
pub fn year_plan(facts: &ScheduleFacts) -> Result<Vec<PlannedSession>, ScheduleError> {
    let checked = facts::check(facts)?;
    Ok(due::year_plan(&checked, facts.patch_test_started.as_ref())?)
}

/// How the recorded sessions kept to the plan. Needs a roller.
pub fn adherence(facts: &ScheduleFacts) -> Result<Adherence, ScheduleError> {
    let checked = facts::check(facts)?;
    Ok(due::adherence(&checked, facts.patch_test_started.as_ref())?)
}
