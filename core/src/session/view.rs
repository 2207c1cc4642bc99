//! What a shell shows: the current step, area, pass "x of y", the
//! instruction text and which events are allowed.

use serde::{Deserialize, Serialize};

use super::effect::AreaResult;
use super::event::EventKind;
use super::state::{Direction, Phase, SessionState, Step};
use super::text;
use crate::protocol::{FacialArea, PassCounts};
use crate::time::UtcDateTime;

/// A snapshot for the screen, derived from the state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SessionView {
    /// The current step.
    pub step: Step,
    /// The area being rolled, while rolling.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub area: Option<FacialArea>,
    /// The 1-based number of that area among the chosen ones (0 when not rolling).
    pub area_number: u32,
    /// How many areas were chosen.
    pub area_count: u32,
    /// The direction of the current pass, once the first pass has begun.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub direction: Option<Direction>,
    /// The pass in progress ("x" of "pass x of y"), once the first pass has begun.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub pass_number: Option<u32>,
    /// The target in the current direction ("y"), once the first pass has begun.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub pass_target: Option<u32>,
    /// Vertical passes done in the current area.
    pub vertical_done: u32,
    /// Horizontal passes done in the current area.
    pub horizontal_done: u32,
    /// Target passes per area.
    pub passes: PassCounts,
    /// Seconds between pass cues.
    pub cue_cadence_seconds: u32,
    /// Whether the session is paused.
    pub paused: bool,
    /// What to do now, in plain words.
    pub instruction: String,
    /// A warning shown beside the step (the no-actives warning at the mask).
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub warning: Option<String>,
    /// The events allowed now.
    pub allowed: Vec<EventKind>,
    /// The timer the shell should be running, if any.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub pending_timer_id: Option<u32>,
    /// When that timer fires.
    #[cfg_attr(feature = "ffi", uniffi(default))]
    pub pending_timer_fires_at: Option<UtcDateTime>,
    /// The areas finished so far.
    pub results: Vec<AreaResult>,
}

impl SessionState {
    /// The view of this state.
    pub fn view(&self) -> SessionView {
        let plan = &self.plan;
        let (area_number, direction, pass_number, pass_target, vertical_done, horizontal_done) =
            match self.phase {
                Phase::Rolling(run) => {
                    let index = u32::try_from(run.index).unwrap_or(u32::MAX);
                    if run.lead_in {
                        (index.saturating_add(1), None, None, None, 0, 0)
                    } else {
                        let (number, of) = run.pass_of(plan);
                        (
                            index.saturating_add(1),
                            Some(run.direction(plan)),
                            Some(number),
                            Some(of),
                            run.vertical_done,
                            run.horizontal_done,
                        )
                    }
                }
                _ => (0, None, None, None, 0, 0),
            };
        let instruction = match self.phase {
            Phase::SterilizeRoller => text::sterilize(),
            Phase::CleanseFace => text::cleanse(),
            Phase::Rolling(_) => match self.current_area() {
                Some(area) => text::rolling(area, plan.passes),
                None => String::new(),
            },
            Phase::Rinse => text::rinse(),
            Phase::StoreRoller => text::store_roller(),
            Phase::MaskOffer => text::mask_offer(),
            Phase::MaskWait { ready } => text::mask_wait(ready),
            Phase::Done => text::done(),
            Phase::Abandoned => text::abandoned(),
        };
        let warning = matches!(self.phase, Phase::MaskOffer | Phase::MaskWait { .. })
            .then(text::no_actives_warning);
        SessionView {
            step: self.step(),
            area: self.current_area(),
            area_number,
            area_count: u32::try_from(plan.areas.len()).unwrap_or(u32::MAX),
            direction,
            pass_number,
            pass_target,
            vertical_done,
            horizontal_done,
            passes: plan.passes,
            cue_cadence_seconds: plan.cadence_seconds,
            paused: self.paused.is_some(),
            instruction,
            warning,
            allowed: self.allowed(),
            pending_timer_id: self.timer.map(|t| t.id),
            pending_timer_fires_at: self.timer.map(|t| t.fires_at),
            results: self.results.clone(),
        }
    }
}
