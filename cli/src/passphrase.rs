//! The sync passphrase: `DERMAROLL_SYNC_PASSPHRASE` when set, else asked at
//! the terminal without echo, else one line of stdin. It is never printed.

use std::env::VarError;
use std::io::IsTerminal;

use anyhow::{bail, Context};

/// The environment variable that holds the passphrase for scripts and tests.
pub const ENV: &str = "DERMAROLL_SYNC_PASSPHRASE";

/// The passphrase, exactly as given (a line read from stdin loses only its
/// line ending). `confirm` asks twice at a terminal (for a file being
/// written, where a typo would lock the person out of it).
pub fn read(confirm: bool) -> anyhow::Result<String> {
    let text = match std::env::var(ENV) {
        Ok(text) => text,
        Err(VarError::NotUnicode(_)) => bail!("{ENV} is not valid UTF-8 text"),
        Err(VarError::NotPresent) if std::io::stdin().is_terminal() => prompt(confirm)?,
        Err(VarError::NotPresent) => line()?,
    };
    if text.is_empty() {
        bail!("the sync passphrase is empty");
    }
    Ok(text)
}

fn prompt(confirm: bool) -> anyhow::Result<String> {
    let mut question = dialoguer::Password::new().with_prompt("Sync passphrase");
    if confirm {
        question = question.with_confirmation("Repeat it", "the two passphrases differ");
    }
    question.interact().context("reading the passphrase")
}

fn line() -> anyhow::Result<String> {
    crate::io::stdin_line(
        "reading the passphrase from stdin",
        &format!("no passphrase: stdin is empty (set {ENV} or pipe one line)"),
    )
}
