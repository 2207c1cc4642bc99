//! Speaking cues through the system's speech command, where one exists
//! (`spd-say`, `espeak-ng`, `espeak`, `say`); silently nothing where none
//! does. Speaking never fails a session and never blocks it.

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A voice, or silence.
#[derive(Debug)]
pub struct Speech {
    program: Option<PathBuf>,
}

impl Speech {
    /// The first speech command found on `PATH`, unless `quiet`.
    pub fn new(quiet: bool) -> Self {
        let program = if quiet {
            None
        } else {
            ["spd-say", "espeak-ng", "espeak", "say"]
                .iter()
                .find_map(|name| find_on_path(name))
        };
        Self { program }
    }

    /// Speaks `text` in the background; errors are ignored on purpose (no
    /// voice is never a reason to stop a session).
    pub fn say(&self, text: &str) {
        if let Some(program) = &self.program {
            let _ = Command::new(program)
                .arg(text)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
        }
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}
