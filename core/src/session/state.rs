//! The session's state: serialisable, versioned, and checked when restored.

use serde::{Deserialize, Serialize};

use super::effect::{AreaResult, TimerPurpose};
use super::plan::{Plan, SessionPlan};
use super::SessionError;
use crate::error::InputError;
use crate::protocol::FacialArea;
use crate::time::UtcDateTime;

/// The saved-state format this build writes and the newest it reads.
pub const SAVED_FORMAT: u32 = 1;

/// The step a session is at, as a shell shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Sterilise the roller.
    SterilizeRoller,
    /// Wash hands and face; no makeup.
    CleanseFace,
    /// Roll the current area.
    Rolling,
    /// Rinse the face with water.
    Rinse,
    /// Sterilise the roller again and put it away.
    StoreRoller,
    /// Offer the optional mask.
    MaskOffer,
    /// Wait before the mask goes on.
    MaskWait,
    /// Finished.
    Done,
    /// Ended early.
    Abandoned,
}

/// The direction of the current passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Up and down, done first.
    Vertical,
    /// Side to side, done second.
    Horizontal,
}

/// Progress in the area being rolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AreaRun {
    /// Index into the plan's areas.
    pub index: usize,
    /// Vertical passes done.
    pub vertical_done: u32,
    /// Horizontal passes done.
    pub horizontal_done: u32,
    /// Still in the lead-in before the first pass.
    pub lead_in: bool,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub(crate) enum Phase {
    SterilizeRoller,
    CleanseFace,
    Rolling(AreaRun),
    Rinse,
    StoreRoller,
    MaskOffer,
    MaskWait { ready: bool },
    Done,
    Abandoned,
}

/// A timer the shell is running for the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PendingTimer {
    pub id: u32,
    pub fires_at: UtcDateTime,
    pub purpose: TimerPurpose,
}

/// A pause: when it began and what timer it interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Paused {
    pub since: UtcDateTime,
    /// The interrupted timer's purpose and its remaining milliseconds.
    pub interrupted: Option<(TimerPurpose, i64)>,
}

/// The whole state of a guided session. Cheap to clone; compare with `==`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionState {
    pub(crate) plan: Plan,
    pub(crate) started_at: UtcDateTime,
    pub(crate) last_at: UtcDateTime,
    pub(crate) phase: Phase,
    pub(crate) results: Vec<AreaResult>,
    pub(crate) rolling_ended_at: Option<UtcDateTime>,
    pub(crate) timer: Option<PendingTimer>,
    pub(crate) next_timer_id: u32,
    pub(crate) paused: Option<Paused>,
    pub(crate) mask_applied: bool,
}

/// The saved form: a format number beside the state.
#[derive(Serialize, Deserialize)]
struct Saved {
    format: u32,
    state: SessionState,
}

/// Only the format number, read first so a newer format is recognised even
/// when the rest no longer parses.
#[derive(Deserialize)]
struct FormatOnly {
    format: Option<u32>,
}

impl SessionState {
    /// A new session at its first step (sterilise the roller). The plan is
    /// validated: bad values are input errors naming the field; a roller the
    /// safety gate refuses is "not allowed now".
    pub fn start(plan: &SessionPlan, at: UtcDateTime) -> Result<Self, SessionError> {
        Ok(Self {
            plan: Plan::validate(plan)?,
            started_at: at,
            last_at: at,
            phase: Phase::SterilizeRoller,
            results: Vec::new(),
            rolling_ended_at: None,
            timer: None,
            next_timer_id: 1,
            paused: None,
            mask_applied: false,
        })
    }

    /// The validated plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The instant of the last accepted event (or the start).
    pub fn last_at(&self) -> UtcDateTime {
        self.last_at
    }

    /// Whether the session is over (done or abandoned).
    pub fn is_over(&self) -> bool {
        matches!(self.phase, Phase::Done | Phase::Abandoned)
    }

    /// The full state as JSON with a `"format"` version field.
    pub fn to_saved(&self) -> String {
        let saved = Saved {
            format: SAVED_FORMAT,
            state: self.clone(),
        };
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Reads a saved state. A newer format is `NewerFormat`; anything
    /// unreadable or inconsistent is an input error on `saved`.
    pub fn from_saved(text: &str) -> Result<Self, SessionError> {
        let corrupt = |reason: String| InputError::new("saved", reason);
        let format = serde_json::from_str::<FormatOnly>(text)
            .map_err(|e| corrupt(format!("not a saved session: {e}")))?
            .format
            .ok_or_else(|| corrupt("no format number".to_string()))?;
        if format > SAVED_FORMAT {
            return Err(SessionError::NewerFormat {
                found: format,
                supported: SAVED_FORMAT,
            });
        }
        if format != SAVED_FORMAT {
            return Err(corrupt(format!("unknown format {format}")).into());
        }
        let saved: Saved =
            serde_json::from_str(text).map_err(|e| corrupt(format!("not a saved session: {e}")))?;
        saved.state.check()?;
        Ok(saved.state)
    }

    /// Checks the invariants every reachable state keeps; a saved state that
    /// breaks one is corrupt (field `saved`).
    pub fn check(&self) -> Result<(), InputError> {
        let bad = |reason: &str| InputError::new("saved", format!("corrupt session: {reason}"));
        self.plan.check()?;
        let areas = &self.plan.areas;
        if self.last_at < self.started_at {
            return Err(bad("last event before the start"));
        }
        if self.results.len() > areas.len()
            || self
                .results
                .iter()
                .zip(areas)
                .any(|(result, area)| result.area != *area)
        {
            return Err(bad("area results do not follow the plan"));
        }
        for result in &self.results {
            if result.vertical_done > self.plan.passes.vertical
                || result.horizontal_done > self.plan.passes.horizontal
            {
                return Err(bad("more passes than planned"));
            }
        }
        match self.phase {
            Phase::SterilizeRoller | Phase::CleanseFace => {
                if !self.results.is_empty() {
                    return Err(bad("results before rolling"));
                }
            }
            Phase::Rolling(run) => {
                if run.index != self.results.len() || run.index >= areas.len() {
                    return Err(bad("area index"));
                }
                let target = self.plan.passes;
                if run.vertical_done > target.vertical
                    || run.horizontal_done > target.horizontal
                    || (run.horizontal_done > 0 && run.vertical_done < target.vertical)
                    || (run.vertical_done == target.vertical
                        && run.horizontal_done == target.horizontal)
                    || (run.lead_in && (run.vertical_done > 0 || run.horizontal_done > 0))
                {
                    return Err(bad("pass counts"));
                }
            }
            Phase::Rinse | Phase::StoreRoller | Phase::MaskOffer | Phase::MaskWait { .. } => {
                if self.results.len() != areas.len() || self.rolling_ended_at.is_none() {
                    return Err(bad("rolling not finished"));
                }
            }
            Phase::Done | Phase::Abandoned => {
                if self.timer.is_some() || self.paused.is_some() {
                    return Err(bad("timer after the end"));
                }
            }
        }
        if let Some(timer) = self.timer {
            if timer.id >= self.next_timer_id {
                return Err(bad("timer id"));
            }
            if self.paused.is_some() {
                return Err(bad("timer while paused"));
            }
        }
        if let Some(paused) = self.paused {
            if paused.since > self.last_at || paused.interrupted.is_some_and(|(_, ms)| ms < 0) {
                return Err(bad("pause"));
            }
        }
        if self.mask_applied && self.phase != Phase::Done {
            return Err(bad("mask before the end"));
        }
        Ok(())
    }

    /// The area being rolled, if any.
    pub(crate) fn current_area(&self) -> Option<FacialArea> {
        match self.phase {
            Phase::Rolling(run) => self.plan.areas.get(run.index).copied(),
            _ => None,
        }
    }

    /// The step as a shell shows it.
    pub fn step(&self) -> Step {
        match self.phase {
            Phase::SterilizeRoller => Step::SterilizeRoller,
            Phase::CleanseFace => Step::CleanseFace,
            Phase::Rolling(_) => Step::Rolling,
            Phase::Rinse => Step::Rinse,
            Phase::StoreRoller => Step::StoreRoller,
            Phase::MaskOffer => Step::MaskOffer,
            Phase::MaskWait { .. } => Step::MaskWait,
            Phase::Done => Step::Done,
            Phase::Abandoned => Step::Abandoned,
        }
    }
}

impl AreaRun {
    /// The direction of the current pass.
    pub(crate) fn direction(&self, plan: &Plan) -> Direction {
        if self.vertical_done < plan.passes.vertical {
            Direction::Vertical
        } else {
            Direction::Horizontal
        }
    }

    /// The 1-based number of the pass in progress in its direction, and the
    /// target in that direction.
    pub(crate) fn pass_of(&self, plan: &Plan) -> (u32, u32) {
        match self.direction(plan) {
            Direction::Vertical => (self.vertical_done + 1, plan.passes.vertical),
            Direction::Horizontal => (self.horizontal_done + 1, plan.passes.horizontal),
        }
    }
}
