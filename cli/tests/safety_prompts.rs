//! The safety questions at a real terminal (a pseudo-terminal, as a
//! person's terminal is): every answer is one whole line, keys typed before
//! a question appeared never answer it, and an unclear answer is asked again.

mod common;

use std::time::Duration;

use common::pty::Pty;
use common::Env;
use dermaroll_core::protocol::TABLE;

const SESSION: &[&str] = &["session", "--areas", "nose", "--passes", "1", "--quiet"];

/// The question text of the `n`-th contraindication question (from 0).
fn question(n: usize) -> &'static str {
    TABLE.contraindications[n].question
}

#[test]
fn n_and_enter_answer_exactly_one_question() {
    let env = Env::new();
    env.setup();
    let mut term = Pty::spawn(&env, SESSION);
    term.expect(question(0));
    term.type_keys("n\r");
    term.expect(question(1));
    // The second question waits: nothing answered it.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(term.count(question(2)), 0, "{}", term.screen());
    assert_eq!(term.count(question(1)), 1, "{}", term.screen());
    term.type_keys("no\r");
    term.expect(question(2));
}

#[test]
fn keys_typed_ahead_never_answer_a_safety_question() {
    let env = Env::new();
    env.setup();
    let mut term = Pty::spawn(&env, SESSION);
    term.expect(question(0));
    // One answer for the first question and, typed ahead in the same breath,
    // three more lines before the next questions appeared.
    term.type_keys("n\rn\rn\rn\r");
    term.expect(question(1));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        term.count(question(2)),
        0,
        "a line typed before the second question answered it:\n{}",
        term.screen()
    );
    // Answered now that it is shown, it moves on by exactly one.
    term.type_keys("n\r");
    term.expect(question(2));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(term.count(question(3)), 0, "{}", term.screen());
}

#[test]
fn an_unclear_answer_is_asked_again_and_a_yes_stops_the_session() {
    let env = Env::new();
    env.setup();
    let mut term = Pty::spawn(&env, SESSION);
    term.expect(question(0));
    for unclear in ["maybe", "", "yn"] {
        term.type_keys(&format!("{unclear}\r"));
        term.expect("Please answer y (yes) or n (no).");
        term.expect(question(0));
    }
    assert_eq!(term.count(question(1)), 0, "{}", term.screen());
    // A clear "yes" to active acne postpones tonight: no session starts.
    term.type_keys("y\r");
    for n in 1..TABLE.contraindications.len() {
        term.expect(question(n));
        term.type_keys("n\r");
    }
    let (ok, screen) = term.wait();
    assert!(!ok, "{screen}");
    assert!(screen.contains("not tonight"), "{screen}");
    assert!(!screen.contains("== sterilize roller"), "{screen}");
}
