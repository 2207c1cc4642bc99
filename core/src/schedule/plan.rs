//! The notification plan: every notification the device should hold now,
//! with stable ids, sorted by when they fire, within the platform's cap.
//!
//! - A wall-clock reminder is a floating local date-time: the shell's calendar
//!   turns it into a trigger in the device's zone, so 21:30 stays 21:30 local
//!   after travel. A fixed instant is a delay from something that happened:
//!   the shell fires it at that instant wherever the device is.
//! - Ids are `kind:source#hash`: the kind, the record it comes from (a due
//!   date, a session's end in Unix seconds) and a hash of the title, body and
//!   trigger. Re-planning unchanged facts gives the same ids; the same id
//!   always means the same content, so reconciling by id is enough.
//! - Within the cap, person-started timers come first, then the soonest.
//!   `refresh_at` says when the shell must ask again at the latest.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::facts::{check, Checked, PersonTimerKind, ScheduleFacts};
use super::text::{self, Text};
use super::{aftercare, due, ScheduleError};
use crate::error::InputError;
use crate::protocol::TABLE;
use crate::time::{CalendarDate, FloatingDateTime, UtcDateTime};

/// What a notification is about; the shell picks the screen it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// The evening of the first session ever.
    FirstSession,
    /// The evening a session is due.
    SessionDue,
    /// The one gentle follow-up after a missed session.
    MissedSessionFollowUp,
    /// The optional mask's window after a session.
    MaskWindow,
    /// The sting check after a session.
    StingCheck,
    /// The next-morning check-in, with a photo prompt.
    MorningCheckIn,
    /// "48 hours are over": makeup and actives are fine again.
    AftercareOver,
    /// The roller is due for replacement.
    ReplaceRoller,
    /// The patch test's wait is over.
    PatchTestCheck,
    /// A mask timer the person started.
    MaskTimer,
}

impl NotificationKind {
    /// The id prefix of this kind.
    pub fn slug(self) -> &'static str {
        match self {
            Self::FirstSession => "first-session",
            Self::SessionDue => "session-due",
            Self::MissedSessionFollowUp => "missed-follow-up",
            Self::MaskWindow => "mask-window",
            Self::StingCheck => "sting-check",
            Self::MorningCheckIn => "morning-check-in",
            Self::AftercareOver => "aftercare-over",
            Self::ReplaceRoller => "replace-roller",
            Self::PatchTestCheck => "patch-test",
            Self::MaskTimer => "mask-timer",
        }
    }
}

/// When and how a notification fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Trigger {
    /// At this floating local date-time in whatever zone the device is in
    /// (a calendar trigger). DST rule: docs/notifications.md.
    WallClock {
        /// The local date and time of day.
        at: FloatingDateTime,
    },
    /// At this instant, wherever the device is (a delay from now).
    FixedInstant {
        /// The instant.
        at: UtcDateTime,
    },
}

/// One notification the device should hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PlannedNotification {
    /// Stable id: the same id always carries the same content.
    pub id: String,
    /// What it is about.
    pub kind: NotificationKind,
    /// The title.
    pub title: String,
    /// The body text.
    pub body: String,
    /// When and how it fires.
    pub trigger: Trigger,
    /// A timer the person started: exempt from quiet hours; on Android it
    /// deserves an exact alarm where allowed.
    pub person_started: bool,
}

/// Every notification the device should hold now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NotificationPlan {
    /// The notifications, sorted by when they fire (then by id).
    pub notifications: Vec<PlannedNotification>,
    /// Ask for a new plan at this instant at the latest (also on every
    /// launch, journal change, reboot, time or zone change).
    pub refresh_at: UtcDateTime,
    /// Notifications left out by the cap; they come in a later plan.
    pub held_back: u32,
    /// The platform's cap that was applied.
    pub cap: u32,
}

/// A notification before its id is made: the plan's building block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    kind: NotificationKind,
    source: String,
    trigger: Trigger,
    person_started: bool,
    text: Text,
}

/// When a draft fires, before it is told what it is: `At::wall(t).with(kind, source, text)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At {
    trigger: Trigger,
    person_started: bool,
}

impl At {
    /// At a floating local date-time.
    pub fn wall(at: NaiveDateTime) -> Self {
        Self {
            trigger: Trigger::WallClock {
                at: FloatingDateTime::from_naive(at),
            },
            person_started: false,
        }
    }

    /// At an instant.
    pub fn fixed(at: UtcDateTime) -> Self {
        Self {
            trigger: Trigger::FixedInstant { at },
            person_started: false,
        }
    }

    /// Marks a timer the person started (exempt from quiet hours).
    pub fn person_started(mut self) -> Self {
        self.person_started = true;
        self
    }

    /// The draft: its kind, the source record's key and the words.
    pub fn with(self, kind: NotificationKind, source: &str, text: Text) -> Draft {
        Draft {
            kind,
            source: source.to_string(),
            trigger: self.trigger,
            person_started: self.person_started,
            text,
        }
    }
}

impl Draft {
    fn trigger_key(&self) -> String {
        match self.trigger {
            Trigger::WallClock { at } => {
                format!("wall {} {:02}:{:02}", at.date, at.hour, at.minute)
            }
            Trigger::FixedInstant { at } => format!(
                "fixed {}.{:09}",
                at.timestamp(),
                at.timestamp_subsec_nanos()
            ),
        }
    }

    fn into_notification(self) -> PlannedNotification {
        let mut hash = Fnv::default();
        for part in [
            self.text.title.as_str(),
            self.text.body.as_str(),
            self.trigger_key().as_str(),
            if self.person_started {
                "person"
            } else {
                "plan"
            },
        ] {
            hash.write(part.as_bytes());
            hash.write(&[0]);
        }
        PlannedNotification {
            id: format!("{}:{}#{:08x}", self.kind.slug(), self.source, hash.0),
            kind: self.kind,
            title: self.text.title,
            body: self.text.body,
            trigger: self.trigger,
            person_started: self.person_started,
        }
    }
}

/// 32-bit FNV-1a: small, stable across versions and platforms.
struct Fnv(u32);

impl Default for Fnv {
    fn default() -> Self {
        Self(0x811c_9dc5)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u32::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }
}

/// When a trigger fires, estimated at the device's current offset (exact
/// for fixed instants; for wall-clock ones, exact unless the offset changes
/// before then). Used for ordering, the cap and `refresh_at`.
pub fn estimated_instant(trigger: &Trigger, utc_offset_minutes: i32) -> Option<UtcDateTime> {
    match trigger {
        Trigger::FixedInstant { at } => Some(*at),
        Trigger::WallClock { at } => at
            .to_naive_for("trigger")
            .ok()?
            .checked_sub_signed(Duration::minutes(i64::from(utc_offset_minutes)))
            .map(|naive| naive.and_utc()),
    }
}

fn date_key(date: NaiveDate) -> String {
    CalendarDate::from_naive(date).to_string()
}

/// The session reminders: every planned date ahead within the horizon and
/// the one follow-up for the session due next (planned ahead, so it is on
/// the device even if the app is not opened; a finished session re-plans it
/// away), or before any session the evening a pending patch test is over.
fn session_drafts(checked: &Checked, facts: &ScheduleFacts) -> Result<Vec<Draft>, InputError> {
    let mut drafts = Vec::new();
    if checked.band.is_none() {
        return Ok(drafts);
    }
    if checked.last_session().is_none() {
        // Before the first session, one reminder on the evening the patch
        // test is over; without a patch test, none (the person starts when
        // ready; a reminder re-planned every day would be a nag).
        if let Some(patch) = &facts.patch_test_started {
            let first = due::next_due(checked, Some(patch))?
                .due
                .to_naive_for("now")?;
            if let Some(at) = due::evening_reminder(checked, first) {
                drafts.push(At::wall(at).with(
                    NotificationKind::FirstSession,
                    &date_key(first),
                    text::first_session(),
                ));
            }
        }
        return Ok(drafts);
    }
    let anchors = due::anchors(checked)?;
    for date in &anchors {
        if let Some(at) = due::evening_reminder(checked, *date) {
            drafts.push(At::wall(at).with(
                NotificationKind::SessionDue,
                &date_key(*date),
                text::session_due(),
            ));
        }
    }
    if let (Some(follow), Some(first)) = (due::follow_up_date(&anchors), anchors.first()) {
        if let Some(at) = due::evening_reminder(checked, follow) {
            let due_date = CalendarDate::from_naive(*first);
            drafts.push(At::wall(at).with(
                NotificationKind::MissedSessionFollowUp,
                &date_key(*first),
                text::missed_follow_up(due_date),
            ));
        }
    }
    Ok(drafts)
}

/// Every draft the facts call for, past ones included.
fn all_drafts(checked: &Checked, facts: &ScheduleFacts) -> Result<Vec<Draft>, InputError> {
    let mut drafts = session_drafts(checked, facts)?;
    if let Some((end, end_local)) = checked.last_session() {
        drafts.extend(aftercare::timeline(
            checked,
            end,
            *end_local,
            facts.roller.as_ref(),
        ));
    }
    if let Some(started) = &facts.patch_test_started {
        drafts.extend(aftercare::patch_test(checked, started));
    }
    for timer in &facts.timers {
        let Some(at) = timer
            .started_at
            .checked_add_signed(Duration::minutes(i64::from(timer.minutes)))
        else {
            continue;
        };
        let (kind, text) = match timer.kind {
            PersonTimerKind::Mask => (NotificationKind::MaskTimer, text::mask_timer()),
        };
        let key = format!("{}:{}", timer.started_at.timestamp(), timer.minutes);
        drafts.push(At::fixed(at).person_started().with(kind, &key, text));
    }
    Ok(drafts)
}

fn sorted(
    mut items: Vec<(UtcDateTime, PlannedNotification)>,
) -> Vec<(UtcDateTime, PlannedNotification)> {
    items.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    items.dedup_by(|a, b| a.1.id == b.1.id);
    items
}

/// The notification plan for these facts (see the module docs).
pub fn notification_plan(facts: &ScheduleFacts) -> Result<NotificationPlan, ScheduleError> {
    let checked = check(facts)?;
    let offset = checked.now.utc_offset_minutes;
    let ahead: Vec<(UtcDateTime, PlannedNotification)> = all_drafts(&checked, facts)?
        .into_iter()
        .map(Draft::into_notification)
        .filter_map(|n| estimated_instant(&n.trigger, offset).map(|at| (at, n)))
        .filter(|(at, _)| *at > checked.now.at)
        .collect();
    let mut ahead = sorted(ahead);
    // Person-started timers first, then the soonest (the sort is stable).
    ahead.sort_by_key(|(_, n)| !n.person_started);
    let cap = facts.platform.pending_cap();
    let held: Vec<(UtcDateTime, PlannedNotification)> = ahead.split_off(cap.min(ahead.len()));
    let latest = checked
        .now
        .at
        .checked_add_signed(Duration::days(i64::from(TABLE.schedule.refresh_max_days)))
        .unwrap_or(checked.now.at);
    let refresh_at = held
        .iter()
        .map(|(at, _)| *at)
        .min()
        .map_or(latest, |at| at.min(latest));
    Ok(NotificationPlan {
        notifications: sorted(ahead).into_iter().map(|(_, n)| n).collect(),
        refresh_at,
        held_back: u32::try_from(held.len()).unwrap_or(u32::MAX),
        cap: u32::try_from(cap).unwrap_or(u32::MAX),
    })
}

/// The aftercare timeline of the last finished session, past items
/// included, sorted by when they fire; empty before the first session.
pub fn aftercare_timeline(
    facts: &ScheduleFacts,
) -> Result<Vec<PlannedNotification>, ScheduleError> {
    let checked = check(facts)?;
    let Some((end, end_local)) = checked.last_session() else {
        return Ok(Vec::new());
    };
    let offset = checked.now.utc_offset_minutes;
    let items = aftercare::timeline(&checked, end, *end_local, facts.roller.as_ref())
        .into_iter()
        .map(Draft::into_notification)
        .filter_map(|n| estimated_instant(&n.trigger, offset).map(|at| (at, n)))
        .collect();
    Ok(sorted(items).into_iter().map(|(_, n)| n).collect())
}
