//! Helpers for driving the real `dermaroll` binary against a temporary journal.
#![allow(dead_code)]

pub mod pty;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_dermaroll");

/// A temporary journal.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn journal(&self) -> PathBuf {
        self.dir.path().join("journal.sqlite3")
    }

    /// A command on this journal, with no speech and no inherited journal,
    /// pace or sync passphrase variable.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env_remove("DERMAROLL_JOURNAL")
            .env_remove("DERMAROLL_TIME_SCALE")
            .env_remove("DERMAROLL_SYNC_PASSPHRASE")
            .arg("--journal")
            .arg(self.journal())
            .args(args)
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs with empty stdin.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, "")
    }

    /// Runs with `stdin` piped in.
    pub fn run_with(&self, args: &[&str], stdin: &str) -> Output {
        self.run_with_env(args, &[], stdin)
    }

    /// Runs with environment variables `vars` set and `stdin` piped in.
    pub fn run_with_env(&self, args: &[&str], vars: &[(&str, &str)], stdin: &str) -> Output {
        let mut child = self
            .cmd(args)
            .envs(vars.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs, expects success, parses stdout as JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// A profile and a 0.5 mm roller; returns the roller id.
    pub fn setup(&self) -> String {
        self.json(&[
            "profile",
            "--skin",
            "normal",
            "--experienced",
            "--bedtime",
            "22:30",
        ]);
        let roller = self.json(&["roller", "add", "--needle-mm", "0.5"]);
        roller["id"].as_str().unwrap().to_string()
    }

    /// Opens the journal directly through the core, as this install (with
    /// the device id the shell keeps beside the journal).
    pub fn open(&self) -> dermaroll_core::journal::Journal {
        let mut id_file = self.journal().into_os_string();
        id_file.push(".device-id");
        let device_id = std::fs::read_to_string(&id_file).unwrap_or_else(|_| "test-reader".into());
        dermaroll_core::journal::Journal::open(self.journal(), device_id.trim()).unwrap()
    }
}

/// "No" to every contraindication question.
pub fn all_no() -> String {
    "n\n".repeat(dermaroll_core::protocol::TABLE.contraindications.len())
}

/// A running session process whose stdout is read line by line.
pub struct Live {
    pub child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    pub seen: Vec<String>,
}

impl Live {
    pub fn spawn(env: &Env, args: &[&str]) -> Self {
        let mut child = env
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            stdin: child.stdin.take(),
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    pub fn send(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits (at most 30 s) for a stdout line containing `marker`.
    pub fn expect(&mut self, marker: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = line.contains(marker);
                    self.seen.push(line);
                    if found {
                        return;
                    }
                }
                Err(_) => panic!("no line with {marker:?}; saw:\n{}", self.seen.join("\n")),
            }
        }
    }

    /// Closes stdin and waits for the exit status.
    pub fn finish(mut self) -> (std::process::ExitStatus, Vec<String>) {
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.seen.push(line);
        }
        (status, self.seen)
    }
}

/// Polls `f` every 10 ms until it is true (at most 30 s).
pub fn wait_until(mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !f() {
        assert!(Instant::now() < deadline, "condition not reached in time");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A small file to stand in for a photo.
pub fn image(dir: &Path) -> PathBuf {
    let path = dir.join("face-2026-11-25.jpg");
    std::fs::write(&path, b"\xff\xd8\xff\xe0 not really a jpeg").unwrap();
    path
}
