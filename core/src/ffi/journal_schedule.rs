//! The journal facade, continued: the notification plan and the next due
//! session from the journal's facts, so a shell makes one call and never
//! gathers facts itself.

use crate::journal::facts::ReminderPreferences;
use crate::journal::Moment;
use crate::schedule::{NextDue, NotificationPlan, PersonTimer, Platform};

use super::journal::Journal;
use super::DermarollError;

type Result<T> = std::result::Result<T, DermarollError>;

#[uniffi::export]
impl Journal {
    /// Every notification the device should hold now, from the journal's
    /// facts and the device's reminder preferences, within the platform's cap.
    pub fn notification_plan(
        &self,
        preferences: ReminderPreferences,
        timers: Vec<PersonTimer>,
        now: Moment,
        platform: Platform,
    ) -> Result<NotificationPlan> {
        Ok(self
            .inner()
            .notification_plan(&preferences, &timers, &now, platform)?)
    }

    /// When the next session is due, from the journal's facts.
    pub fn next_due(&self, preferences: ReminderPreferences, now: Moment) -> Result<NextDue> {
        Ok(self.inner().next_due(&preferences, &now)?)
    }
}
