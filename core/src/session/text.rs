//! Every word the session shows or speaks, as data (English). Worded as
//! improvement, never as a cure; numbers come from the protocol table.

use super::state::Direction;
use crate::protocol::{FacialArea, PassCounts, TABLE};

/// The instruction shown for sterilising the roller.
pub(crate) fn sterilize() -> String {
    "Sterilise the roller: rinse off any debris, then soak or spray it with 70% isopropyl \
     (rubbing) alcohol and let it air-dry on a clean tissue. Never share your roller."
        .to_string()
}

/// The instruction shown for cleansing.
pub(crate) fn cleanse() -> String {
    "Wash your hands. Wash your face with a gentle cleanser and pat it dry: no makeup or any \
     other product may be left on the skin."
        .to_string()
}

/// The instruction shown while rolling an area.
pub(crate) fn rolling(area: FacialArea, passes: PassCounts) -> String {
    format!(
        "{}: hold the skin taut with your fingers and press firmly: uncomfortable, never painful. \
         Roll {} passes vertically, then {} passes horizontally over the same area. Stop early \
         if the skin turns dark pink-red or pinpoint bleeding begins: both are normal and are \
         the aim. Never roll the eyelids, under the eyes or the lips.",
        capitalised(area.name()),
        passes.vertical,
        passes.horizontal
    )
}

/// The instruction shown for rinsing.
pub(crate) fn rinse() -> String {
    "Rinse your face with clean water and gently pat it dry.".to_string()
}

/// The instruction shown for storing the roller.
pub(crate) fn store_roller() -> String {
    "Sterilise the roller again with alcohol, let it air-dry, and put it back in its case."
        .to_string()
}

/// The instruction shown when the optional mask is offered.
pub(crate) fn mask_offer() -> String {
    format!(
        "Optional: a soothing mask (collagen, sheet or honey) can help the skin feel calmer. It \
         goes on {} to {} minutes after rolling.",
        TABLE.mask_wait_min_minutes, TABLE.mask_wait_max_minutes
    )
}

/// The instruction shown while waiting for the mask.
pub(crate) fn mask_wait(ready: bool) -> String {
    if ready {
        format!(
            "You can put the mask on now, within {} minutes of rolling. Confirm when it is on.",
            TABLE.mask_wait_max_minutes
        )
    } else {
        format!(
            "Wait {} minutes after rolling before the mask goes on. You will hear a cue.",
            TABLE.mask_wait_min_minutes
        )
    }
}

/// The warning shown beside every mask step.
pub(crate) fn no_actives_warning() -> String {
    "Do not put actives (vitamin C, acids, retinoids) on freshly needled skin.".to_string()
}

/// The instruction shown when the session is done.
pub(crate) fn done() -> String {
    format!(
        "Well done. Stinging is normal and should fade within {} minutes; redness can last up to \
         a day. For {} hours: no makeup or harsh products, use sunscreen, drink plenty of water. \
         Best now: sleep. Improvement builds gradually over the coming months.",
        TABLE.sting_check_after_minutes, TABLE.aftercare_window_hours
    )
}

/// The instruction shown when the session was ended early.
pub(crate) fn abandoned() -> String {
    "Session ended. Rinse your face with water, then sterilise the roller and put it away."
        .to_string()
}

/// Spoken when a pass begins: "vertical, pass 3 of 6".
pub(crate) fn pass_cue(direction: Direction, number: u32, of: u32) -> String {
    format!("{}, pass {number} of {of}", direction_name(direction))
}

/// Spoken when the passes switch direction.
pub(crate) fn switch_cue() -> String {
    "switch to horizontal".to_string()
}

/// Spoken when an undo goes back a pass.
pub(crate) fn undo_cue(direction: Direction, number: u32, of: u32) -> String {
    format!("back to {}", pass_cue(direction, number, of))
}

/// Spoken when the next area begins.
pub(crate) fn next_area_cue(area: FacialArea) -> String {
    format!("next: {}. Hold the skin taut.", area.name())
}

/// Spoken when a stop sign ends an area.
pub(crate) fn stopped_cue(area: FacialArea, pinpoint_bleeding: bool) -> String {
    let sign = if pinpoint_bleeding {
        "pinpoint bleeding"
    } else {
        "dark pink-red"
    };
    format!("{sign}: {} is done", area.name())
}

/// Spoken when an area is skipped.
pub(crate) fn skipped_cue(area: FacialArea) -> String {
    format!("skipping the {}", area.name())
}

/// Spoken when rolling is over and the rinse begins.
pub(crate) fn rinse_cue() -> String {
    "rolling is done: rinse your face with water".to_string()
}

/// Spoken when the session pauses.
pub(crate) fn paused_cue() -> String {
    "paused".to_string()
}

/// Spoken when the session resumes.
pub(crate) fn resumed_cue() -> String {
    "resuming".to_string()
}

/// Spoken when the session resumes mid-area: "resuming: vertical, pass 2 of 6".
pub(crate) fn resumed_pass_cue(direction: Direction, number: u32, of: u32) -> String {
    format!("{}: {}", resumed_cue(), pass_cue(direction, number, of))
}

/// Spoken when the mask may go on.
pub(crate) fn mask_ready_cue() -> String {
    "you can put your mask on now".to_string()
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Vertical => "vertical",
        Direction::Horizontal => "horizontal",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wording_speaks_of_improvement_never_of_a_cure() {
        let mut all = vec![
            sterilize(),
            cleanse(),
            rinse(),
            store_roller(),
            mask_offer(),
            mask_wait(false),
            mask_wait(true),
            no_actives_warning(),
            done(),
            abandoned(),
        ];
        all.extend(
            FacialArea::ALL
                .iter()
                .map(|a| rolling(*a, TABLE.passes_default)),
        );
        for text in all {
            let lower = text.to_lowercase();
            assert!(
                !lower.contains("cure") && !lower.contains("guarantee"),
                "{text}"
            );
            assert!(!lower.is_empty());
        }
        assert_eq!(pass_cue(Direction::Vertical, 3, 6), "vertical, pass 3 of 6");
    }
}
