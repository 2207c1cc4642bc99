//! Prompts that work from a keyboard or a pipe. When stdin is a terminal,
//! questions use `dialoguer`; when it is not (a pipe, a script file, the
//! tests), each answer is one plain line. During a guided session a reader
//! thread owns stdin and hands over lines, so waiting for a timer and
//! reading input happen at once.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

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

/// The source of answers.
#[derive(Debug)]
pub struct Input {
    terminal: bool,
    lines: Option<Receiver<String>>,
}

impl Input {
    /// Reads from this process's stdin.
    pub fn new() -> Self {
        Self {
            terminal: std::io::stdin().is_terminal(),
            lines: None,
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
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        self.lines = Some(receiver);
    }

    /// Waits up to `timeout` (forever when `None`) for a line from the reader.
    pub fn wait_line(&mut self, timeout: Option<Duration>) -> Waited {
        let Some(lines) = &self.lines else {
            return Waited::Closed;
        };
        match timeout {
            Some(timeout) => match lines.recv_timeout(timeout) {
                Ok(line) => Waited::Line(line),
                Err(RecvTimeoutError::Timeout) => Waited::Timeout,
                Err(RecvTimeoutError::Disconnected) => Waited::Closed,
            },
            None => match lines.recv() {
                Ok(line) => Waited::Line(line),
                Err(_) => Waited::Closed,
            },
        }
    }

    /// One line of text for `question`; `default` when the answer is empty.
    /// End of input is an error (nothing is written after a missing answer).
    pub fn text(&mut self, question: &str, default: &str) -> anyhow::Result<String> {
        if self.terminal && self.lines.is_none() {
            let answer: String = dialoguer::Input::new()
                .with_prompt(question)
                .default(default.to_string())
                .allow_empty(true)
                .interact_text()
                .context("reading the answer")?;
            return Ok(answer.trim().to_string());
        }
        let hint = if default.is_empty() {
            String::new()
        } else {
            format!(" [{default}]")
        };
        eprint!("{question}{hint}: ");
        let _ = std::io::stderr().flush();
        // The answer ends the prompt's line (also when input ended, so the
        // error stands on a line of its own).
        let line = self.plain_line();
        eprintln!();
        let line = line?;
        let line = line.trim().to_string();
        Ok(if line.is_empty() {
            default.to_string()
        } else {
            line
        })
    }

    /// A yes/no answer; `default` on an empty line.
    pub fn yes_no(&mut self, question: &str, default: bool) -> anyhow::Result<bool> {
        if self.terminal && self.lines.is_none() {
            return dialoguer::Confirm::new()
                .with_prompt(question)
                .default(default)
                .interact()
                .context("reading the answer");
        }
        let hint = if default { "[Y/n]" } else { "[y/N]" };
        loop {
            let answer = self.text(&format!("{question} {hint}"), "")?;
            match answer.to_ascii_lowercase().as_str() {
                "" => return Ok(default),
                "y" | "yes" => return Ok(true),
                "n" | "no" => return Ok(false),
                other => eprintln!("please answer y or n (not {other:?})"),
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
            let answer = self.text(question, &default.to_string())?;
            match answer.parse::<u32>() {
                Ok(n) if range.contains(&n) => return Ok(n),
                _ => eprintln!(
                    "please type a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            }
        }
    }

    fn plain_line(&mut self) -> anyhow::Result<String> {
        if self.lines.is_some() {
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
