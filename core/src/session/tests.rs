//! Unit tests of the session machine; the scenario files and the property
//! test in `core/tests/` cover whole sessions.

use chrono::{DateTime, Duration};

use super::*;
use crate::protocol::{AreaEndpoint, Experience, FacialArea, SkinSensitivity, TABLE};
use crate::time::UtcDateTime;

fn base() -> UtcDateTime {
    DateTime::from_timestamp(1_795_640_400, 0).unwrap_or_default()
}

fn secs(s: i64) -> UtcDateTime {
    base() + Duration::seconds(s)
}

fn plan(areas: Vec<FacialArea>) -> SessionPlan {
    SessionPlan {
        needle_mm: 0.5,
        sensitivity: SkinSensitivity::Normal,
        experience: Experience::Experienced,
        areas,
        passes: None,
        cue_cadence_seconds: None,
    }
}

fn start(areas: Vec<FacialArea>) -> SessionState {
    SessionState::start(&plan(areas), base()).expect("valid plan")
}

fn apply(
    state: &SessionState,
    event: SessionEvent,
    at: UtcDateTime,
) -> (SessionState, Vec<Effect>) {
    state.apply(event, at).expect("allowed event")
}

/// Fires the pending timer at its time.
fn fire(state: &SessionState) -> (SessionState, Vec<Effect>) {
    let view = state.view();
    let id = view.pending_timer_id.expect("a pending timer");
    let at = view.pending_timer_fires_at.expect("a fire time");
    apply(state, SessionEvent::TimerFired { timer_id: id }, at)
}

#[test]
fn a_full_area_counts_vertical_then_horizontal_passes() {
    let s = start(vec![FacialArea::Forehead]);
    let (s, _) = apply(&s, SessionEvent::Continue, secs(30));
    let (mut s, fx) = apply(&s, SessionEvent::Continue, secs(60));
    assert_eq!(s.step(), Step::Rolling);
    assert!(matches!(
        fx[1],
        Effect::StartTimer {
            purpose: TimerPurpose::LeadIn,
            ..
        }
    ));
    let mut texts = Vec::new();
    while s.step() == Step::Rolling {
        let (next, fx) = fire(&s);
        for effect in fx {
            if let Effect::Cue { text, .. } = effect {
                texts.push(text);
            }
        }
        s = next;
    }
    assert_eq!(texts[0], "vertical, pass 1 of 6");
    assert_eq!(texts[6], "switch to horizontal");
    assert_eq!(texts[7], "horizontal, pass 1 of 6");
    assert_eq!(s.step(), Step::Rinse);
    assert_eq!(
        s.view().results,
        vec![AreaResult {
            area: FacialArea::Forehead,
            vertical_done: 6,
            horizontal_done: 6,
            endpoint: AreaEndpoint::PassesCompleted
        }]
    );
}

#[test]
fn time_going_backwards_and_events_after_the_end_are_refused() {
    let s = start(vec![FacialArea::Chin]);
    let (s, _) = apply(&s, SessionEvent::Continue, secs(10));
    assert!(matches!(
        s.apply(SessionEvent::Continue, secs(5)),
        Err(SessionError::Input(ref e)) if e.field == "at"
    ));
    let (s, fx) = apply(&s, SessionEvent::Abandon, secs(20));
    assert!(matches!(fx.last(), Some(Effect::SessionEnded { .. })));
    assert!(matches!(
        s.apply(SessionEvent::NextPass, secs(30)),
        Err(SessionError::NotAllowedNow { .. })
    ));
}

#[test]
fn pause_keeps_the_remaining_time_of_the_pending_cue() {
    let s = start(vec![FacialArea::Chin]);
    let (s, _) = apply(&s, SessionEvent::Continue, secs(0));
    let (s, _) = apply(&s, SessionEvent::Continue, secs(0));
    let (s, _) = fire(&s); // lead-in over: pass 1 begins at +5, next at +9
    let (s, fx) = apply(&s, SessionEvent::Pause, secs(6));
    assert!(matches!(fx[0], Effect::CancelTimer { .. }));
    let (s, fx) = apply(&s, SessionEvent::Resume, secs(100));
    assert!(fx.contains(&Effect::StartTimer {
        timer_id: 3,
        fires_at: secs(103),
        purpose: TimerPurpose::Pass
    }));
    assert_eq!(s.view().pass_number, Some(1));
}

#[test]
fn the_mask_waits_from_the_end_of_rolling() {
    let s = start(vec![FacialArea::Nose]);
    let (s, _) = apply(&s, SessionEvent::Continue, secs(0));
    let (s, _) = apply(&s, SessionEvent::Continue, secs(0));
    let (s, _) = fire(&s);
    let (s, _) = apply(
        &s,
        SessionEvent::Stop {
            sign: StopSign::DarkPinkRed,
        },
        secs(20),
    );
    let (s, _) = apply(&s, SessionEvent::Continue, secs(80));
    let (s, _) = apply(&s, SessionEvent::Continue, secs(140));
    let (s, fx) = apply(&s, SessionEvent::StartMask, secs(150));
    let minutes = i64::from(TABLE.mask_wait_min_minutes);
    assert!(fx.iter().any(
        |e| matches!(e, Effect::StartTimer { fires_at, .. } if *fires_at == secs(20 + minutes * 60))
    ));
    assert!(s.apply(SessionEvent::Continue, secs(200)).is_err());
    let (s, _) = fire(&s);
    let (s, fx) = apply(&s, SessionEvent::Continue, secs(20 + minutes * 60 + 30));
    assert_eq!(s.step(), Step::Done);
    match fx.last() {
        Some(Effect::SessionEnded { summary }) => {
            assert!(summary.mask_applied);
            assert_eq!(summary.areas[0].endpoint, AreaEndpoint::DarkPinkRed);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn saved_states_round_trip_and_newer_formats_are_refused() {
    let s = start(vec![FacialArea::Forehead, FacialArea::Jaw]);
    let (s, _) = apply(&s, SessionEvent::Continue, secs(1));
    let (s, _) = apply(&s, SessionEvent::Continue, secs(2));
    let saved = s.to_saved();
    assert!(saved.starts_with("{\"format\":1,"));
    assert_eq!(SessionState::from_saved(&saved), Ok(s));
    let newer = saved.replacen("\"format\":1", "\"format\":2", 1);
    assert_eq!(
        SessionState::from_saved(&newer),
        Err(SessionError::NewerFormat {
            found: 2,
            supported: 1
        })
    );
    assert!(matches!(
        SessionState::from_saved("{}"),
        Err(SessionError::Input(ref e)) if e.field == "saved"
    ));
}

#[test]
fn a_pause_does_not_lengthen_the_mask_wait() {
    let s = start(vec![FacialArea::Nose]);
    let (s, _) = apply(&s, SessionEvent::Continue, secs(0));
    let (s, _) = apply(&s, SessionEvent::Continue, secs(0));
    let (s, _) = apply(&s, SessionEvent::SkipArea, secs(1)); // rolling ends at +1
    let (s, _) = apply(&s, SessionEvent::Continue, secs(2));
    let (s, _) = apply(&s, SessionEvent::Continue, secs(3));
    let (s, _) = apply(&s, SessionEvent::StartMask, secs(4));
    let ready = 1 + i64::from(TABLE.mask_wait_min_minutes) * 60;
    let (s, _) = apply(&s, SessionEvent::Pause, secs(100));
    let (s, fx) = apply(&s, SessionEvent::Resume, secs(200));
    assert!(fx.iter().any(
        |e| matches!(e, Effect::StartTimer { fires_at, purpose: TimerPurpose::MaskWait, .. } if *fires_at == secs(ready))
    ));
    let (s, _) = apply(&s, SessionEvent::Pause, secs(300));
    let (s, fx) = apply(&s, SessionEvent::Resume, secs(ready + 5));
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Cue {
            kind: CueKind::MaskReady,
            ..
        }
    )));
    assert!(s.allowed().contains(&EventKind::Continue));
}
