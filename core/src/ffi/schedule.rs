//! The schedule facade: the notification plan and its reconciliation, the
//! next due session, the year plan, adherence and the aftercare timeline.
//! Every call takes the same plain facts; none reads a clock.

use crate::schedule::{
    self, Adherence, NextDue, NotificationPlan, PlannedNotification, PlannedSession,
    Reconciliation, ScheduleFacts,
};

use super::DermarollError;

/// Plans reminders and notifications. Stateless, cheap to construct and safe
/// to share between threads.
#[derive(Debug, Default, uniffi::Object)]
pub struct ReminderPlanner;

#[uniffi::export]
impl ReminderPlanner {
    /// A scheduler over the built-in protocol table.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Self
    }

    /// Every notification the device should hold now, within the platform's
    /// cap, and when to ask again (`refresh_at`).
    pub fn notification_plan(
        &self,
        facts: ScheduleFacts,
    ) -> Result<NotificationPlan, DermarollError> {
        Ok(schedule::notification_plan(&facts)?)
    }

    /// What to cancel and what to add so that the device holds exactly the plan,
    /// given the ids of the notifications it holds now.
    pub fn reconcile(&self, plan: NotificationPlan, device_ids: Vec<String>) -> Reconciliation {
        schedule::reconcile(&plan, &device_ids)
    }

    /// When the next session is due and where it stands today.
    pub fn next_due(&self, facts: ScheduleFacts) -> Result<NextDue, DermarollError> {
        Ok(schedule::next_due(&facts)?)
    }

    /// The planned sessions from today to a year ahead.
    pub fn year_plan(&self, facts: ScheduleFacts) -> Result<Vec<PlannedSession>, DermarollError> {
        Ok(schedule::year_plan(&facts)?)
    }

    /// How the recorded sessions kept to the plan.
    pub fn adherence(&self, facts: ScheduleFacts) -> Result<Adherence, DermarollError> {
        Ok(schedule::adherence(&facts)?)
    }

    /// The aftercare timeline of the last finished session, past items included.
    pub fn aftercare_timeline(
        &self,
        facts: ScheduleFacts,
    ) -> Result<Vec<PlannedNotification>, DermarollError> {
        Ok(schedule::aftercare_timeline(&facts)?)
    }
}
