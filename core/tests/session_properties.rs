//! Property tests of the guided session: random event sequences (valid and
//! invalid, with time sometimes going backwards) keep every invariant.

use chrono::{DateTime, Duration, Utc};
use dermaroll_core::protocol::{Experience, FacialArea, PassCounts, SkinSensitivity};
use dermaroll_core::session::{
    Effect, EventKind, SessionError, SessionEvent, SessionPlan, SessionState, StopSign,
};
use proptest::prelude::*;

fn base() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_640_400, 0).unwrap_or_default()
}

fn plan() -> impl Strategy<Value = SessionPlan> {
    (
        prop::sample::select(vec![0.1, 0.25, 0.3, 0.5]),
        prop::sample::select(vec![
            SkinSensitivity::Sensitive,
            SkinSensitivity::Normal,
            SkinSensitivity::Resilient,
        ]),
        prop::sample::select(vec![Experience::FirstTimer, Experience::Experienced]),
        prop::sample::subsequence(FacialArea::ALL.to_vec(), 1..=6).prop_shuffle(),
        prop::option::of((1u32..=3, 1u32..=3)),
        prop::option::of(2u32..=20),
    )
        .prop_map(
            |(needle_mm, sensitivity, experience, areas, passes, cadence)| SessionPlan {
                needle_mm,
                sensitivity,
                experience,
                areas,
                passes: passes.map(|(vertical, horizontal)| PassCounts {
                    vertical,
                    horizontal,
                }),
                cue_cadence_seconds: cadence,
            },
        )
}

/// An event description: the pending timer is filled in when the event is built.
#[derive(Debug, Clone)]
enum Step {
    Event(SessionEvent),
    FirePending,
}

fn step() -> impl Strategy<Value = (Step, i64)> {
    // Abandoning is rare so that most runs get deep into the session.
    let event = prop_oneof![
        80 => Just(Step::FirePending),
        60 => Just(Step::Event(SessionEvent::Continue)),
        40 => Just(Step::Event(SessionEvent::NextPass)),
        20 => Just(Step::Event(SessionEvent::UndoPass)),
        5 => prop::sample::select(vec![StopSign::DarkPinkRed, StopSign::PinpointBleeding])
            .prop_map(|sign| Step::Event(SessionEvent::Stop { sign })),
        5 => Just(Step::Event(SessionEvent::SkipArea)),
        15 => Just(Step::Event(SessionEvent::Pause)),
        30 => Just(Step::Event(SessionEvent::Resume)),
        10 => (0u32..25).prop_map(|seconds| Step::Event(SessionEvent::SetCadence { seconds })),
        20 => Just(Step::Event(SessionEvent::StartMask)),
        4 => Just(Step::Event(SessionEvent::SkipMask)),
        10 => (0u32..40).prop_map(|timer_id| Step::Event(SessionEvent::TimerFired { timer_id })),
        1 => Just(Step::Event(SessionEvent::Abandon)),
    ];
    // Mostly forward in time, sometimes far forward, rarely backwards.
    let delta = prop_oneof![8 => 0i64..10, 2 => 10i64..900, 1 => -20i64..0];
    (event, delta)
}

fn build(step: &Step, state: &SessionState) -> SessionEvent {
    match step {
        Step::Event(event) => *event,
        Step::FirePending => SessionEvent::TimerFired {
            timer_id: state.view().pending_timer_id.unwrap_or(0),
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_event_sequences_keep_every_invariant(
        plan in plan(),
        steps in prop::collection::vec(step(), 1..250),
    ) {
        let Ok(mut state) = SessionState::start(&plan, base()) else {
            return Ok(()); // refused rollers are covered by the scenarios
        };
        let mut at = base();
        let mut last_timer_id = 0;
        let mut ended = 0;
        for (step, delta) in &steps {
            at += Duration::seconds(*delta);
            let event = build(step, &state);
            let before = state.clone();
            let view = state.view();
            let result = state.apply(event, at);

            // Save and restore is invisible: the restored state is equal and
            // gives exactly the same outcome for the same event.
            let restored = SessionState::from_saved(&state.to_saved());
            prop_assert_eq!(restored.as_ref(), Ok(&state));
            if let Ok(restored) = restored {
                prop_assert_eq!(&restored.apply(event, at), &result);
            }

            match result {
                Ok((next, effects)) => {
                    prop_assert!(at >= before.last_at(), "time went backwards but was accepted");
                    prop_assert!(view.allowed.contains(&event.kind()), "{:?} accepted but not allowed", event);
                    prop_assert_eq!(next.check(), Ok(()));
                    let next_view = next.view();
                    let target = next_view.passes;
                    prop_assert!(next_view.vertical_done <= target.vertical);
                    prop_assert!(next_view.horizontal_done <= target.horizontal);
                    if let (Some(number), Some(of)) = (next_view.pass_number, next_view.pass_target) {
                        prop_assert!(number >= 1 && number <= of);
                    }
                    for result in &next_view.results {
                        prop_assert!(result.vertical_done <= target.vertical);
                        prop_assert!(result.horizontal_done <= target.horizontal);
                    }
                    for effect in &effects {
                        match effect {
                            Effect::Cue { at: cue_at, text, .. } => {
                                prop_assert!(*cue_at >= at);
                                prop_assert!(!text.is_empty());
                            }
                            Effect::StartTimer { timer_id, fires_at, .. } => {
                                prop_assert!(*fires_at >= at);
                                prop_assert!(*timer_id > last_timer_id, "timer ids must grow");
                                last_timer_id = *timer_id;
                                prop_assert_eq!(next_view.pending_timer_id, Some(*timer_id));
                            }
                            Effect::CancelTimer { timer_id } => {
                                prop_assert_eq!(view.pending_timer_id, Some(*timer_id));
                            }
                            Effect::SessionEnded { summary } => {
                                ended += 1;
                                prop_assert!(summary.areas.len() <= plan.areas.len());
                            }
                        }
                    }
                    prop_assert_eq!(next.is_over(), ended == 1);
                    if next.is_over() {
                        prop_assert!(next_view.allowed.is_empty());
                        prop_assert_eq!(next_view.pending_timer_id, None);
                    }
                    state = next;
                }
                Err(err) => {
                    // Every refusal is typed, and leaves the state unchanged.
                    prop_assert_eq!(&state, &before);
                    match err {
                        SessionError::Input(e) => prop_assert!(
                            e.field == "at" && at < before.last_at()
                                || e.field == "seconds" && event.kind() == EventKind::SetCadence,
                            "unexpected input error {}", e
                        ),
                        SessionError::NotAllowedNow { .. } => prop_assert!(
                            !view.allowed.contains(&event.kind())
                                || (event.kind() == EventKind::TimerFired
                                    && Some(match event { SessionEvent::TimerFired { timer_id } => timer_id, _ => 0 }) != view.pending_timer_id),
                            "{:?} refused although allowed", event
                        ),
                        SessionError::NewerFormat { .. } => prop_assert!(false, "newer format from apply"),
                    }
                }
            }
        }
        prop_assert!(ended <= 1);
    }

    #[test]
    fn corrupt_saved_states_are_refused_never_panic(text in ".{0,200}") {
        if let Err(err) = SessionState::from_saved(&text) {
            let typed = matches!(err, SessionError::Input(ref e) if e.field == "saved")
                || matches!(err, SessionError::NewerFormat { .. });
            prop_assert!(typed);
        }
    }
}

#[test]
fn a_tampered_saved_state_is_refused() {
    let plan = SessionPlan {
        needle_mm: 0.5,
        sensitivity: SkinSensitivity::Normal,
        experience: Experience::Experienced,
        areas: vec![FacialArea::Chin],
        passes: None,
        cue_cadence_seconds: None,
    };
    let state = SessionState::start(&plan, base()).expect("valid plan");
    let (state, _) = state
        .apply(SessionEvent::Continue, base())
        .expect("continue");
    let (state, _) = state
        .apply(SessionEvent::Continue, base())
        .expect("continue");
    let (state, _) = state
        .apply(SessionEvent::NextPass, base())
        .expect("first pass");
    let saved = state.to_saved();
    let tampered = saved.replacen("\"vertical_done\":0", "\"vertical_done\":9", 1);
    assert_ne!(saved, tampered);
    assert!(matches!(
        SessionState::from_saved(&tampered),
        Err(SessionError::Input(ref e)) if e.field == "saved"
    ));
}
