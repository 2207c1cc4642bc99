//! The words of every notification, as data in one place. Honest wording:
//! improvement over time, never a cure or a guarantee. Numbers come from the
//! protocol table; a text depends only on what its notification's id is made
//! of, so the same id always carries the same words.

use crate::protocol::TABLE;
use crate::time::CalendarDate;

/// A notification's title and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Text {
    pub title: String,
    pub body: String,
}

fn text(title: &str, body: String) -> Text {
    Text {
        title: title.to_string(),
        body,
    }
}

/// The evening a session is due.
pub(crate) fn session_due() -> Text {
    text(
        "Session night",
        "Your next dermarolling session is planned for tonight, right before sleep. \
         Sterilise the roller and start with a clean face."
            .to_string(),
    )
}

/// The first session ever.
pub(crate) fn first_session() -> Text {
    text(
        "Ready for your first session?",
        "Your patch test is over. If the test spot looks fine, tonight, right before sleep, \
         the app can guide you through your first session, step by step."
            .to_string(),
    )
}

/// The single follow-up after a missed session.
pub(crate) fn missed_follow_up(due: CalendarDate) -> Text {
    text(
        "Your session is still open",
        format!(
            "Your session was planned for {due}. Any evening that suits you is fine; \
             this is the only reminder."
        ),
    )
}

/// The mask window opens after a session.
pub(crate) fn mask_window() -> Text {
    text(
        "Mask time (optional)",
        format!(
            "If you use a mask, put it on within the next {} minutes. Nothing with vitamin C, \
             acids or retinoids on freshly rolled skin.",
            TABLE
                .mask_wait_max_minutes
                .saturating_sub(TABLE.mask_wait_min_minutes)
        ),
    )
}

/// The sting check after a session.
pub(crate) fn sting_check() -> Text {
    text(
        "Is the stinging gone?",
        format!(
            "Stinging should fade within {} minutes of rolling. Tap to record how your skin feels.",
            TABLE.sting_check_after_minutes
        ),
    )
}

/// The next-morning check-in with a photo prompt.
pub(crate) fn morning_check_in() -> Text {
    text(
        "Good morning: how is your skin?",
        format!(
            "Redness for up to {} hours is normal. Record how your skin looks and take a \
             progress photo in the same light as last time.",
            TABLE.redness_normal_hours
        ),
    )
}

/// The aftercare window is over.
pub(crate) fn aftercare_over() -> Text {
    text(
        "Aftercare window over",
        format!(
            "{} hours are over: makeup and your usual actives are fine again. Keep using sunscreen.",
            TABLE.aftercare_window_hours
        ),
    )
}

/// The roller is due for replacement.
pub(crate) fn replace_roller(uses: u32) -> Text {
    text(
        "Time for a fresh roller",
        format!(
            "Your roller has been used {uses} times; about {} uses is its life. \
             Get a fresh one before your next session.",
            TABLE.roller_replace_after_uses
        ),
    )
}

/// The patch test's wait is over.
pub(crate) fn patch_test() -> Text {
    text(
        "Patch test: check your forearm",
        format!(
            "{} hours have passed. Tap to record how the test spot looks before your first session.",
            TABLE.patch_test_wait_hours
        ),
    )
}

/// A mask timer the person started has run out.
pub(crate) fn mask_timer() -> Text {
    text(
        "Mask timer done",
        "Take the mask off and rinse gently with water.".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_promises_a_cure() {
        let due = CalendarDate {
            year: 2026,
            month: 12,
            day: 25,
        };
        for t in [
            session_due(),
            first_session(),
            missed_follow_up(due),
            mask_window(),
            sting_check(),
            morning_check_in(),
            aftercare_over(),
            replace_roller(10),
            patch_test(),
            mask_timer(),
        ] {
            let all = format!("{} {}", t.title, t.body).to_lowercase();
            assert!(!all.contains("cure") && !all.contains("guarantee"), "{all}");
            assert!(!t.title.is_empty() && !t.body.is_empty());
        }
    }
}
