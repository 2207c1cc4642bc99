//! Prompts that work the same from a keyboard and from a pipe: every answer
//! is one whole line (Enter ends it), so "n" and Enter answer exactly one
//! question, and an answer that is not one of the choices is asked again.
//!
//! At a terminal, a safety question or a new step of a session first throws
//! away whatever was typed before it appeared (the terminal's pending input,
//! and lines the reader thread already holds), so keys typed ahead never
//! answer it. From a pipe or a script file nothing is thrown away: the lines
//! are the answers, in order.
//!
//! During a guided session a reader thread owns stdin and hands over lines
//! with the moment they arrived, so waiting for a timer and reading input
//! happen at once.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// What came from stdin while waiting.
#[derive(Debug, PartialEq, Eq)]
pub enum Waited {
    /// A line (without its newline).
    Line(String),
    /// The wait ran out first.
    Timeout,
    /// Stdin is closed: no more input will come.
    Closed,
}

/// Whether a question may be answered by keys typed before it appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ahead {
    /// A safety question or a step confirmation: typed-ahead input is
    /// discarded first (at a terminal).
    Discard,
    /// An ordinary question (notes, a number): typed-ahead input answers it.
    Keep,
}

/// A line and when it arrived.
#[derive(Debug)]
struct Arrived {
    text: String,
    at: Instant,
}

/// The source of answers.
#[derive(Debug)]
pub struct Input {
    terminal: bool,
    lines: Option<Receiver<Arrived>>,
    /// A line taken from the reader while discarding, typed after the
    /// prompt appeared: the next answer.
    pending: Option<Arrived>,
}

impl Input {
    /// Reads from this process's stdin.
    pub fn new() -> Self {
        Self {
            terminal: std::io::stdin().is_terminal(),
            lines: None,
            pending: None,
        }
    }

    /// From now on a thread reads stdin line by line (for the session loop).
    pub fn start_reader(&mut self) {
        if self.lines.is_some() {
            return;
        }
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            for line in stdin.lock().lines() {
                let Ok(text) = line else { break };
                let arrived = Arrived {
                    text,
                    at: Instant::now(),
                };
                if sender.send(arrived).is_err() {
                    break;
                }
            }
        });
        self.lines = Some(receiver);
    }

    /// At a terminal: forgets everything typed before `since` (the moment a
    /// prompt or step appeared): the terminal's pending input and lines the
    /// reader already holds. From a pipe: nothing (the lines are the answers).
    pub fn discard_typed_ahead(&mut self, since: Instant) -> Vec<String> {
        if !self.terminal {
            return Vec::new();
        }
        flush_terminal_input();
        let mut dropped = Vec::new();
        if let Some(lines) = &self.lines {
            while let Ok(line) = lines.try_recv() {
                if line.at >= since {
                    // Typed after the prompt appeared: that is an answer.
                    // (The channel is ordered; nothing older follows.)
                    self.pending = Some(line);
                    break;
                }
                dropped.push(line.text);
            }
        }
        dropped
    }

    /// Waits up to `timeout` (forever when `None`) for a line from the reader.
    pub fn wait_line(&mut self, timeout: Option<Duration>) -> Waited {
        if let Some(line) = self.pending.take() {
            return Waited::Line(line.text);
        }
        let Some(lines) = &self.lines else {
            return Waited::Closed;
        };
        let received = match timeout {
            Some(timeout) => match lines.recv_timeout(timeout) {
                Ok(line) => Ok(line),
                Err(RecvTimeoutError::Timeout) => return Waited::Timeout,
                Err(RecvTimeoutError::Disconnected) => Err(()),
            },
            None => lines.recv().map_err(|_| ()),
        };
        match received {
            Ok(line) => Waited::Line(line.text),
            Err(()) => Waited::Closed,
        }
    }

    /// One line of text for `question`; `default` when the answer is empty.
    /// End of input is an error (nothing is written after a missing answer).
    pub fn text(&mut self, question: &str, default: &str, ahead: Ahead) -> anyhow::Result<String> {
        let hint = if default.is_empty() {
            String::new()
        } else {
            format!(" [{default}]")
        };
        let line = self.ask(&format!("{question}{hint}: "), ahead)?;
        let line = line.trim().to_string();
        Ok(if line.is_empty() {
            default.to_string()
        } else {
            line
        })
    }

    /// A yes/no answer, one line: `y`/`yes` or `n`/`no` (any case). With a
    /// `default`, an empty line takes it; without one (every safety
    /// question), and for anything else, the question is asked again.
    pub fn yes_no(
        &mut self,
        question: &str,
        default: Option<bool>,
        ahead: Ahead,
    ) -> anyhow::Result<bool> {
        let hint = match default {
            Some(true) => "[Y/n]",
            Some(false) => "[y/N]",
            None => "[y/n]",
        };
        let mut ahead = ahead;
        loop {
            let answer = self.ask(&format!("{question} {hint}: "), ahead)?;
            match (yes_no_answer(&answer), default) {
                (Some(yes), _) => return Ok(yes),
                (None, Some(default)) if answer.trim().is_empty() => return Ok(default),
                _ => {
                    eprintln!("Please answer y (yes) or n (no).");
                    // The person saw the question: the next line is theirs.
                    ahead = Ahead::Keep;
                }
            }
        }
    }

    /// A whole number within `range`, asked until it is one.
    pub fn number(
        &mut self,
        question: &str,
        range: std::ops::RangeInclusive<u32>,
        default: u32,
    ) -> anyhow::Result<u32> {
        loop {
            let answer = self.text(question, &default.to_string(), Ahead::Keep)?;
            match answer.parse::<u32>() {
                Ok(n) if range.contains(&n) => return Ok(n),
                _ => eprintln!(
                    "Please type a whole number from {} to {}.",
                    range.start(),
                    range.end()
                ),
            }
        }
    }

    /// Shows `prompt` on stderr and reads one whole line. What was typed
    /// before the prompt is shown is thrown away first (never after: a key
    /// the person types on seeing the prompt is their answer).
    fn ask(&mut self, prompt: &str, ahead: Ahead) -> anyhow::Result<String> {
        if ahead == Ahead::Discard {
            self.discard_typed_ahead(Instant::now());
        }
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
        let line = self.plain_line();
        if !self.terminal {
            // From a pipe nothing was echoed: end the prompt's line (also
            // when input ended, so the error stands on a line of its own).
            eprintln!();
        }
        line
    }

    fn plain_line(&mut self) -> anyhow::Result<String> {
        if self.lines.is_some() || self.pending.is_some() {
            return match self.wait_line(None) {
                Waited::Line(line) => Ok(line),
                _ => bail!("input ended before the question was answered"),
            };
        }
        stdin_line(
            "reading stdin",
            "input ended before the question was answered",
        )
    }
}

/// `Some(true)` for yes, `Some(false)` for no, `None` for anything else.
pub fn yes_no_answer(line: &str) -> Option<bool> {
    match line.trim().to_lowercase().as_str() {
        "y" | "yes" => Some(true),
        "n" | "no" => Some(false),
        _ => None,
    }
}

/// Throws away input the terminal holds that no one has read yet (typed
/// ahead, not yet ended by Enter, or ended but not yet read).
fn flush_terminal_input() {
    // SAFETY: tcflush only reads its two integer arguments; on a descriptor
    // that is not a terminal it fails harmlessly.
    unsafe {
        libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
    }
}

/// One line from stdin without its line ending; `reading` says what was
/// being read when that fails, `when_empty` what to say when stdin is empty.
pub fn stdin_line(reading: &'static str, when_empty: &str) -> anyhow::Result<String> {
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context(reading)?;
    if read == 0 {
        bail!("{when_empty}");
    }
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_clear_yes_or_no_is_an_answer() {
        for yes in ["y", "Y", "yes", " YES "] {
            assert_eq!(yes_no_answer(yes), Some(true), "{yes:?}");
        }
        for no in ["n", "N", "no", "No\r"] {
            assert_eq!(yes_no_answer(no), Some(false), "{no:?}");
        }
        for unclear in ["", "maybe", "yn", "ny", "nope", "yess", "1", "j"] {
            assert_eq!(yes_no_answer(unclear), None, "{unclear:?}");
        }
    }
}
