//! The journal's facts for the notification schedule. A shell makes one
//! call; the journal reads what it knows in one snapshot and hands plain
//! facts to `schedule`. (Readiness reads its facts in `readiness.rs`.)

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::error::Result;
use super::records::Moment;
use super::{store, validate, Journal};
use crate::schedule::{
    self, ActiveRoller, NextDue, NotificationPlan, OffsetInstant, PersonTimer, Platform,
    QuietHours, ScheduleFacts, ScheduleProfile, TimeOfDay,
};

/// Reminder settings that belong to a device rather than to the journal (a
/// phone and a tablet may differ): the shell keeps them in its preferences.
/// Bedtime comes from the journal's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReminderPreferences {
    /// When the person usually wakes (local): the morning check-in's time.
    pub wake_time: TimeOfDay,
    /// Minutes before bedtime for the session reminder; `None` takes the default.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub lead_minutes: Option<u32>,
    /// Quiet hours; `None` takes the protocol's default.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub quiet_hours: Option<QuietHours>,
    /// Days between sessions for short needles (person-set rhythm).
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub interval_days: Option<u32>,
}

impl Journal {
    /// The schedule's facts from the journal: bedtime from the profile, the
    /// roller in use (the newest one not retired), every finished session's
    /// end with its offset; plus the device's reminder preferences, the
    /// timers the person started, now, and the platform.
    ///
    /// The journal does not record patch tests yet, so no patch-test
    /// follow-up is planned from it.
    pub fn schedule_facts(
        &self,
        preferences: &ReminderPreferences,
        timers: &[PersonTimer],
        now: &Moment,
        platform: Platform,
    ) -> Result<ScheduleFacts> {
        validate::now(now)?;
        self.read(|tx| {
            let profile = store::profile(tx)?;
            let roller = tx
                .query_row(
                    &format!(
                        "SELECT {} FROM rollers WHERE retired_ms IS NULL
                         ORDER BY first_use_ms DESC, id DESC LIMIT 1",
                        store::ROLLER_COLS
                    ),
                    [],
                    store::roller_row,
                )
                .optional()?;
            let mut stmt = tx.prepare_cached(
                "SELECT ended_ms, ended_offset, ended_zone FROM sessions ORDER BY ended_ms, id",
            )?;
            let sessions = stmt
                .query_map([], |row| store::moment_at(row, 0))?
                .map(|moment| {
                    moment.map(|m| OffsetInstant {
                        at: m.at,
                        utc_offset_minutes: m.utc_offset_minutes,
                    })
                })
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(ScheduleFacts {
                profile: ScheduleProfile {
                    bedtime: TimeOfDay {
                        hour: profile.bedtime_hour,
                        minute: profile.bedtime_minute,
                    },
                    wake_time: preferences.wake_time,
                    lead_minutes: preferences.lead_minutes,
                    quiet_hours: preferences.quiet_hours,
                    interval_days: preferences.interval_days,
                },
                roller: roller.map(|r| ActiveRoller {
                    needle_mm: r.needle_mm,
                    uses: r.uses,
                    first_used_at: Some(r.first_use.at),
                }),
                sessions,
                patch_test_started: None,
                timers: timers.to_vec(),
                now: now.clone(),
                platform,
            })
        })
    }

    /// Every notification the device should hold now, from the journal's
    /// facts (see [`Journal::schedule_facts`]), within the platform's cap.
    pub fn notification_plan(
        &self,
        preferences: &ReminderPreferences,
        timers: &[PersonTimer],
        now: &Moment,
        platform: Platform,
    ) -> Result<NotificationPlan> {
        let facts = self.schedule_facts(preferences, timers, now, platform)?;
        Ok(schedule::notification_plan(&facts)?)
    }

    /// When the next session is due, from the journal's facts.
    pub fn next_due(&self, preferences: &ReminderPreferences, now: &Moment) -> Result<NextDue> {
        let facts = self.schedule_facts(preferences, &[], now, Platform::Android)?;
        Ok(schedule::next_due(&facts)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::testing::{at, journal, person_with_roller};
    use crate::journal::{AreaRecord, SessionOutcome, SessionRecord};
    use crate::protocol::{AreaEndpoint, FacialArea};

    fn prefs() -> ReminderPreferences {
        ReminderPreferences {
            wake_time: TimeOfDay { hour: 7, minute: 0 },
            lead_minutes: None,
            quiet_hours: None,
            interval_days: None,
        }
    }

    fn setup(journal: &Journal) -> String {
        person_with_roller(journal, 0)
    }

    fn finish(journal: &Journal, roller_id: &str, end: i64) -> String {
        let id = Journal::new_id().unwrap();
        journal
            .finish_session(
                &SessionRecord {
                    id: id.clone(),
                    roller_id: roller_id.into(),
                    started: at(end - 1200),
                    ended: at(end),
                    outcome: SessionOutcome::Completed,
                    areas: vec![AreaRecord {
                        area: FacialArea::Forehead,
                        vertical_passes: 6,
                        horizontal_passes: 6,
                        endpoint: AreaEndpoint::PassesCompleted,
                    }],
                    discomfort: Some(3),
                    notes: String::new(),
                },
                &at(end),
            )
            .unwrap();
        id
    }

    #[test]
    fn the_plan_reads_the_journal() {
        let (_dir, journal) = journal();
        let roller = setup(&journal);
        let day = 86_400;
        finish(&journal, &roller, day);
        let facts = journal
            .schedule_facts(&prefs(), &[], &at(2 * day), Platform::Ios)
            .unwrap();
        assert_eq!(facts.sessions.len(), 1);
        assert_eq!(
            facts.profile.bedtime,
            TimeOfDay {
                hour: 22,
                minute: 30
            }
        );
        assert_eq!(facts.roller.map(|r| r.uses), Some(1));
        let plan = journal
            .notification_plan(&prefs(), &[], &at(2 * day), Platform::Ios)
            .unwrap();
        assert_eq!(plan, schedule::notification_plan(&facts).unwrap());
        assert!(!plan.notifications.is_empty());
        let due = journal.next_due(&prefs(), &at(2 * day)).unwrap();
        assert_eq!(due, schedule::next_due(&facts).unwrap());
    }
}
