//! The aftercare timeline of a finished session (PROTOCOL.md sections 4–5):
//! the mask window, the sting check, the next-morning check-in with a photo
//! prompt, "48 hours are over", and when due "replace your roller" and the
//! patch-test follow-up. Every offset comes from `protocol::TABLE`.

use chrono::{Duration, NaiveDateTime};

use super::due;
use super::facts::{ActiveRoller, Checked, OffsetInstant};
use super::plan::{At, Draft, NotificationKind};
use super::quiet::{adjust, is_quiet, Moment};
use super::text;
use crate::protocol::TABLE;
use crate::time::UtcDateTime;

fn minutes(m: u32) -> Duration {
    Duration::minutes(i64::from(m))
}

fn secs(at: UtcDateTime) -> i64 {
    at.timestamp()
}

/// A delay after an instant that is not a person-started timer: a fixed
/// instant, unless it lands in quiet hours (at the device's current offset),
/// where it becomes a wall-clock reminder at their end.
fn delayed(checked: &Checked, at: UtcDateTime) -> At {
    let local = at.naive_utc().checked_add_signed(offset_of(checked));
    if let Some(local) = local.filter(|l| is_quiet(&checked.quiet, *l)) {
        if let Some(end) = adjust(&checked.quiet, local, Moment::Later) {
            return At::wall(end);
        }
    }
    At::fixed(at)
}

fn offset_of(checked: &Checked) -> Duration {
    Duration::minutes(i64::from(checked.now.utc_offset_minutes))
}

/// The first wake time strictly after a local moment.
fn next_morning(checked: &Checked, after: NaiveDateTime) -> Option<NaiveDateTime> {
    let same_day = after.date().and_time(checked.wake_time);
    if same_day > after {
        Some(same_day)
    } else {
        after
            .date()
            .checked_add_signed(Duration::days(1))
            .map(|d| d.and_time(checked.wake_time))
    }
}

/// The timeline of the session that ended at `end` (its instant and offset),
/// with the roller's uses counted after it. Items may lie in the past; the
/// plan keeps those still ahead.
pub(crate) fn timeline(
    checked: &Checked,
    end: &OffsetInstant,
    end_local: NaiveDateTime,
    roller: Option<&ActiveRoller>,
) -> Vec<Draft> {
    let key = secs(end.at).to_string();
    let mut drafts = Vec::new();
    if let Some(at) = end
        .at
        .checked_add_signed(minutes(TABLE.mask_wait_min_minutes))
    {
        drafts.push(At::fixed(at).person_started().with(
            NotificationKind::MaskWindow,
            &key,
            text::mask_window(),
        ));
    }
    if let Some(at) = end
        .at
        .checked_add_signed(minutes(TABLE.sting_check_after_minutes))
    {
        drafts.push(At::fixed(at).person_started().with(
            NotificationKind::StingCheck,
            &key,
            text::sting_check(),
        ));
    }
    if let Some(morning) =
        next_morning(checked, end_local).and_then(|at| adjust(&checked.quiet, at, Moment::Later))
    {
        drafts.push(At::wall(morning).with(
            NotificationKind::MorningCheckIn,
            &key,
            text::morning_check_in(),
        ));
    }
    if let Some(at) = end
        .at
        .checked_add_signed(Duration::hours(i64::from(TABLE.aftercare_window_hours)))
    {
        drafts.push(delayed(checked, at).with(
            NotificationKind::AftercareOver,
            &key,
            text::aftercare_over(),
        ));
    }
    if let Some(roller) = roller {
        if roller.uses >= TABLE.roller_replace_after_uses {
            if let Some(at) = replace_roller_at(checked, end_local) {
                let roller_key = format!(
                    "{}:{}",
                    roller
                        .first_used_at
                        .map_or_else(|| "new".to_string(), |t| secs(t).to_string()),
                    roller.uses
                );
                drafts.push(At::wall(at).with(
                    NotificationKind::ReplaceRoller,
                    &roller_key,
                    text::replace_roller(roller.uses),
                ));
            }
        }
    }
    drafts
}

/// "Replace your roller": on the evening `replace_roller_notice_days` before
/// the next due session, but not before the evening after this session.
fn replace_roller_at(checked: &Checked, end_local: NaiveDateTime) -> Option<NaiveDateTime> {
    let band = checked.band?;
    let last = end_local.date();
    let next = due::due_after(checked, band, last)?;
    let notice = next.checked_sub_signed(Duration::days(i64::from(
        TABLE.schedule.replace_roller_notice_days,
    )))?;
    let day_after = last.checked_add_signed(Duration::days(1))?;
    due::evening_reminder(checked, notice.max(day_after))
}

/// The patch test's follow-up once its wait is over.
pub(crate) fn patch_test(checked: &Checked, started: &OffsetInstant) -> Option<Draft> {
    let at = started
        .at
        .checked_add_signed(Duration::hours(i64::from(TABLE.patch_test_wait_hours)))?;
    Some(delayed(checked, at).with(
        NotificationKind::PatchTestCheck,
        &secs(started.at).to_string(),
        text::patch_test(),
    ))
}
