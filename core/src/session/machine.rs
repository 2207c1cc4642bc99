//! The pure transition: `apply(&state, event, at) -> (state, effects)`.
//! A refused event returns an error and leaves the state untouched (the
//! input is borrowed; the new state is built on a copy).

use chrono::Duration;

use super::effect::{AreaResult, CueKind, Effect, SessionOutcome, SessionSummary, TimerPurpose};
use super::event::{EventKind, SessionEvent, StopSign};
use super::plan::validate_cadence;
use super::state::{AreaRun, Paused, PendingTimer, Phase, SessionState};
use super::{text, SessionError};
use crate::error::InputError;
use crate::protocol::{AreaEndpoint, TABLE};
use crate::time::UtcDateTime;

const MS_PER_SECOND: i64 = 1000;

impl SessionState {
    /// Applies one event at `at`, returning the next state and the effects
    /// for the shell. Refused (state unchanged) when `at` is earlier than the
    /// last event (input error on `at`), when the event is not allowed now,
    /// or when its data is bad.
    pub fn apply(
        &self,
        event: SessionEvent,
        at: UtcDateTime,
    ) -> Result<(SessionState, Vec<Effect>), SessionError> {
        if at < self.last_at {
            return Err(InputError::new(
                "at",
                format!(
                    "{at} is earlier than the last event at {}: time cannot go backwards",
                    self.last_at
                ),
            )
            .into());
        }
        let kind = event.kind();
        if !self.allowed().contains(&kind) {
            return Err(SessionError::not_now(self.refusal(kind)));
        }
        let mut step = Transition {
            state: self.clone(),
            effects: Vec::new(),
            at,
        };
        step.state.last_at = at;
        step.handle(event)?;
        Ok((step.state, step.effects))
    }

    /// The kinds of event allowed now, in a stable order.
    pub fn allowed(&self) -> Vec<EventKind> {
        use EventKind as K;
        if self.is_over() {
            return Vec::new();
        }
        if self.paused.is_some() {
            return vec![K::Resume, K::SetCadence, K::Abandon];
        }
        let mut allowed = vec![K::Pause, K::SetCadence, K::Abandon];
        if self.timer.is_some() {
            allowed.push(K::TimerFired);
        }
        match self.phase {
            Phase::SterilizeRoller | Phase::CleanseFace | Phase::Rinse | Phase::StoreRoller => {
                allowed.push(K::Continue);
            }
            Phase::Rolling(run) => {
                allowed.extend([K::NextPass, K::SkipArea]);
                if !run.lead_in {
                    allowed.push(K::Stop);
                    if run.vertical_done + run.horizontal_done > 0 {
                        allowed.push(K::UndoPass);
                    }
                }
            }
            Phase::MaskOffer => allowed.extend([K::StartMask, K::SkipMask]),
            Phase::MaskWait { ready } => {
                allowed.push(K::SkipMask);
                if ready {
                    allowed.push(K::Continue);
                }
            }
            Phase::Done | Phase::Abandoned => {}
        }
        allowed.sort();
        allowed
    }

    /// Why `kind` is not allowed now, in plain words.
    fn refusal(&self, kind: EventKind) -> String {
        if self.is_over() {
            return "the session is over".to_string();
        }
        if self.paused.is_some() {
            return "the session is paused: resume first".to_string();
        }
        match (self.phase, kind) {
            (Phase::MaskWait { ready: false }, EventKind::Continue) => format!(
                "the mask goes on {} minutes after rolling: wait for the cue",
                TABLE.mask_wait_min_minutes
            ),
            (Phase::Rolling(run), EventKind::UndoPass) if !run.lead_in => {
                "no pass of this area to undo".to_string()
            }
            (Phase::Rolling(_), EventKind::Stop | EventKind::UndoPass) => {
                "the first pass of this area has not begun".to_string()
            }
            (_, EventKind::TimerFired) => "no timer is running".to_string(),
            (_, kind) => format!("{kind:?} is not possible at the step {:?}", self.step()),
        }
    }

    /// The summary the journal records.
    pub(crate) fn summary(&self, outcome: SessionOutcome, ended_at: UtcDateTime) -> SessionSummary {
        SessionSummary {
            outcome,
            started_at: self.started_at,
            ended_at,
            needle_mm: self.plan.needle.mm(),
            areas: self.results.clone(),
            mask_applied: self.mask_applied,
        }
    }
}

/// A transition in progress: the copy being changed and the effects so far.
struct Transition {
    state: SessionState,
    effects: Vec<Effect>,
    at: UtcDateTime,
}

impl Transition {
    fn handle(&mut self, event: SessionEvent) -> Result<(), SessionError> {
        match event {
            SessionEvent::Continue => self.next_step(),
            SessionEvent::TimerFired { timer_id } => self.timer_fired(timer_id),
            SessionEvent::NextPass => {
                self.cancel_timer();
                self.advance()
            }
            SessionEvent::UndoPass => self.undo(),
            SessionEvent::Stop { sign } => {
                self.cancel_timer();
                let (area, bleeding) = (
                    self.state.current_area(),
                    sign == StopSign::PinpointBleeding,
                );
                if let Some(area) = area {
                    self.cue(CueKind::Stopped, text::stopped_cue(area, bleeding));
                }
                self.finish_area(match sign {
                    StopSign::DarkPinkRed => AreaEndpoint::DarkPinkRed,
                    StopSign::PinpointBleeding => AreaEndpoint::PinpointBleeding,
                })
            }
            SessionEvent::SkipArea => {
                self.cancel_timer();
                if let Some(area) = self.state.current_area() {
                    self.cue(CueKind::Stopped, text::skipped_cue(area));
                }
                self.finish_area(AreaEndpoint::Skipped)
            }
            SessionEvent::Pause => {
                let interrupted = self.state.timer.map(|timer| {
                    let left = (timer.fires_at - self.at).num_milliseconds().max(0);
                    (timer.purpose, left)
                });
                self.cancel_timer();
                self.state.paused = Some(Paused {
                    since: self.at,
                    interrupted,
                });
                self.cue(CueKind::Paused, text::paused_cue());
                Ok(())
            }
            SessionEvent::Resume => {
                let paused = self.state.paused.take();
                let spoken = match self.state.phase {
                    Phase::Rolling(run) if !run.lead_in => {
                        let (number, of) = run.pass_of(&self.state.plan);
                        text::resumed_pass_cue(run.direction(&self.state.plan), number, of)
                    }
                    _ => text::resumed_cue(),
                };
                self.cue(CueKind::Resumed, spoken);
                match paused.and_then(|p| p.interrupted) {
                    // The mask wait runs in real time: a pause does not lengthen it.
                    Some((TimerPurpose::MaskWait, _)) => self.arm_mask_wait(),
                    Some((purpose, left_ms)) => self.start_timer(left_ms, purpose),
                    None => Ok(()),
                }
            }
            SessionEvent::SetCadence { seconds } => {
                validate_cadence("seconds", seconds)?;
                self.state.plan.cadence_seconds = seconds;
                Ok(())
            }
            SessionEvent::StartMask => self.start_mask(),
            SessionEvent::SkipMask => {
                self.cancel_timer();
                self.finish(SessionOutcome::Completed)
            }
            SessionEvent::Abandon => {
                self.cancel_timer();
                self.state.paused = None;
                self.state.phase = Phase::Abandoned;
                self.cue(CueKind::Step, text::abandoned());
                self.end(SessionOutcome::Abandoned);
                Ok(())
            }
        }
    }

    /// `Continue`: the current step is done.
    fn next_step(&mut self) -> Result<(), SessionError> {
        match self.state.phase {
            Phase::SterilizeRoller => {
                self.state.phase = Phase::CleanseFace;
                self.cue(CueKind::Step, text::cleanse());
                Ok(())
            }
            Phase::CleanseFace => self.enter_area(0),
            Phase::Rinse => {
                self.state.phase = Phase::StoreRoller;
                self.cue(CueKind::Step, text::store_roller());
                Ok(())
            }
            Phase::StoreRoller => {
                self.state.phase = Phase::MaskOffer;
                self.cue(CueKind::Step, text::mask_offer());
                Ok(())
            }
            Phase::MaskWait { ready: true } => {
                self.state.mask_applied = true;
                self.finish(SessionOutcome::Completed)
            }
            _ => Err(SessionError::not_now(
                self.state.refusal(EventKind::Continue),
            )),
        }
    }

    fn timer_fired(&mut self, timer_id: u32) -> Result<(), SessionError> {
        let Some(timer) = self.state.timer.filter(|t| t.id == timer_id) else {
            return Err(SessionError::not_now(format!(
                "timer {timer_id} is not running (cancelled or already fired)"
            )));
        };
        self.state.timer = None;
        match timer.purpose {
            TimerPurpose::LeadIn | TimerPurpose::Pass => self.advance(),
            TimerPurpose::MaskWait => {
                self.state.phase = Phase::MaskWait { ready: true };
                self.cue(CueKind::MaskReady, text::mask_ready_cue());
                Ok(())
            }
        }
    }

    /// The current pass is done (or the lead-in is over): count it and cue the next.
    fn advance(&mut self) -> Result<(), SessionError> {
        let Phase::Rolling(mut run) = self.state.phase else {
            return Err(SessionError::not_now("no area is being rolled"));
        };
        let target = self.state.plan.passes;
        if run.lead_in {
            run.lead_in = false;
        } else if run.vertical_done < target.vertical {
            run.vertical_done += 1;
            if run.vertical_done == target.vertical {
                self.cue(CueKind::SwitchDirection, text::switch_cue());
            }
        } else {
            run.horizontal_done += 1;
            if run.horizontal_done >= target.horizontal {
                self.state.phase = Phase::Rolling(run);
                return self.finish_area(AreaEndpoint::PassesCompleted);
            }
        }
        self.state.phase = Phase::Rolling(run);
        self.cue_pass_and_pace(run)
    }

    fn undo(&mut self) -> Result<(), SessionError> {
        let Phase::Rolling(mut run) = self.state.phase else {
            return Err(SessionError::not_now("no area is being rolled"));
        };
        if run.horizontal_done > 0 {
            run.horizontal_done -= 1;
        } else if run.vertical_done > 0 {
            run.vertical_done -= 1;
        } else {
            return Err(SessionError::not_now("no pass of this area to undo"));
        }
        self.cancel_timer();
        self.state.phase = Phase::Rolling(run);
        let (number, of) = run.pass_of(&self.state.plan);
        let direction = run.direction(&self.state.plan);
        self.cue(CueKind::Pass, text::undo_cue(direction, number, of));
        self.start_timer(self.cadence_ms(), TimerPurpose::Pass)
    }

    /// Cues the pass in progress and starts its pace timer.
    fn cue_pass_and_pace(&mut self, run: AreaRun) -> Result<(), SessionError> {
        let (number, of) = run.pass_of(&self.state.plan);
        let direction = run.direction(&self.state.plan);
        self.cue(CueKind::Pass, text::pass_cue(direction, number, of));
        self.start_timer(self.cadence_ms(), TimerPurpose::Pass)
    }

    fn enter_area(&mut self, index: usize) -> Result<(), SessionError> {
        let Some(area) = self.state.plan.areas.get(index).copied() else {
            return Err(SessionError::not_now("no such area in the plan"));
        };
        self.state.phase = Phase::Rolling(AreaRun {
            index,
            vertical_done: 0,
            horizontal_done: 0,
            lead_in: true,
        });
        self.cue(CueKind::NextArea, text::next_area_cue(area));
        let lead_in = i64::from(TABLE.area_lead_in_seconds) * MS_PER_SECOND;
        self.start_timer(lead_in, TimerPurpose::LeadIn)
    }

    /// Records the current area's result and moves on to the next area or the rinse.
    fn finish_area(&mut self, endpoint: AreaEndpoint) -> Result<(), SessionError> {
        let Phase::Rolling(run) = self.state.phase else {
            return Err(SessionError::not_now("no area is being rolled"));
        };
        let Some(area) = self.state.plan.areas.get(run.index).copied() else {
            return Err(SessionError::not_now("no such area in the plan"));
        };
        self.state.results.push(AreaResult {
            area,
            vertical_done: run.vertical_done,
            horizontal_done: run.horizontal_done,
            endpoint,
        });
        let next = run.index + 1;
        if next < self.state.plan.areas.len() {
            self.enter_area(next)
        } else {
            self.state.phase = Phase::Rinse;
            self.state.rolling_ended_at = Some(self.at);
            self.cue(CueKind::Step, text::rinse_cue());
            Ok(())
        }
    }

    fn start_mask(&mut self) -> Result<(), SessionError> {
        if self.mask_ready_at()? <= self.at {
            self.state.phase = Phase::MaskWait { ready: true };
            self.cue(CueKind::MaskReady, text::mask_ready_cue());
            Ok(())
        } else {
            self.state.phase = Phase::MaskWait { ready: false };
            self.cue(CueKind::Step, text::mask_wait(false));
            self.arm_mask_wait()
        }
    }

    /// The mask may go on this long after rolling ended (not after the
    /// choice, and not shifted by a pause).
    fn mask_ready_at(&self) -> Result<UtcDateTime, SessionError> {
        let ended = self.state.rolling_ended_at.unwrap_or(self.at);
        let wait = Duration::try_minutes(i64::from(TABLE.mask_wait_min_minutes))
            .unwrap_or_else(Duration::zero);
        Ok(ended
            .checked_add_signed(wait)
            .ok_or_else(|| InputError::new("at", "too far in the future"))?)
    }

    /// Starts the mask-wait timer for the time left, or, when the wait is
    /// already over, marks the mask ready at once.
    fn arm_mask_wait(&mut self) -> Result<(), SessionError> {
        let left = (self.mask_ready_at()? - self.at).num_milliseconds();
        if left > 0 {
            self.start_timer(left, TimerPurpose::MaskWait)
        } else {
            self.state.phase = Phase::MaskWait { ready: true };
            self.cue(CueKind::MaskReady, text::mask_ready_cue());
            Ok(())
        }
    }

    fn finish(&mut self, outcome: SessionOutcome) -> Result<(), SessionError> {
        self.state.phase = Phase::Done;
        self.cue(CueKind::Step, text::done());
        self.end(outcome);
        Ok(())
    }

    fn end(&mut self, outcome: SessionOutcome) {
        let summary = self.state.summary(outcome, self.at);
        self.effects.push(Effect::SessionEnded { summary });
    }

    fn cue(&mut self, kind: CueKind, text: String) {
        self.effects.push(Effect::Cue {
            at: self.at,
            kind,
            text,
        });
    }

    fn cadence_ms(&self) -> i64 {
        i64::from(self.state.plan.cadence_seconds) * MS_PER_SECOND
    }

    fn cancel_timer(&mut self) {
        if let Some(timer) = self.state.timer.take() {
            self.effects
                .push(Effect::CancelTimer { timer_id: timer.id });
        }
    }

    fn start_timer(&mut self, after_ms: i64, purpose: TimerPurpose) -> Result<(), SessionError> {
        self.cancel_timer();
        let id = self.state.next_timer_id;
        let next_id = id
            .checked_add(1)
            .ok_or_else(|| SessionError::not_now("too many timers in one session"))?;
        let fires_at = Duration::try_milliseconds(after_ms)
            .and_then(|after| self.at.checked_add_signed(after))
            .ok_or_else(|| InputError::new("at", "too far in the future"))?;
        self.state.next_timer_id = next_id;
        self.state.timer = Some(PendingTimer {
            id,
            fires_at,
            purpose,
        });
        self.effects.push(Effect::StartTimer {
            timer_id: id,
            fires_at,
            purpose,
        });
        Ok(())
    }
}
