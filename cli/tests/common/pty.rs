//! The real binary in a pseudo-terminal, as a person's terminal runs it:
//! stdin, stdout and stderr are the terminal (so the shell sees a terminal,
//! line editing and echo are the terminal's), and the test types into it and
//! reads what it shows.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Env;

/// How long to wait for the screen to show something before failing (a hang
/// guard, not a speed goal).
const PATIENCE: Duration = Duration::from_secs(30);

/// A process running in a pseudo-terminal.
pub struct Pty {
    pub child: Child,
    master: File,
    screen: Arc<Mutex<String>>,
    /// How much of the screen earlier `expect`s consumed.
    read_to: usize,
}

impl Pty {
    /// Starts `dermaroll ARGS` on `env`'s journal in a new pseudo-terminal
    /// (80 columns; no speech: tests pass `--quiet` where a session speaks).
    pub fn spawn(env: &Env, args: &[&str]) -> Self {
        let (master, slave) = open_pty();
        let stdin = slave.try_clone().unwrap();
        let stdout = slave.try_clone().unwrap();
        let child = env
            .cmd(args)
            .env("TERM", "dumb")
            .stdin(Stdio::from(stdin))
            .stdout(Stdio::from(stdout))
            .stderr(Stdio::from(slave))
            .spawn()
            .unwrap();
        let master = File::from(master);
        let screen = Arc::new(Mutex::new(String::new()));
        let mut reader = master.try_clone().unwrap();
        let shown = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            // Ends with an error (EIO) once the process and every copy of
            // the terminal's other side are gone.
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buffer[..n]).replace('\r', "");
                shown.lock().unwrap().push_str(&text);
            }
        });
        Self {
            child,
            master,
            screen,
            read_to: 0,
        }
    }

    /// Types `keys` (use `\r` for Enter, as a keyboard sends it).
    pub fn type_keys(&mut self, keys: &str) {
        self.master.write_all(keys.as_bytes()).unwrap();
        self.master.flush().unwrap();
    }

    /// Everything shown so far.
    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().clone()
    }

    /// Waits until the screen, after what earlier calls consumed, shows
    /// `text`; consumes up to its end.
    pub fn expect(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if let Some(found) = screen[self.read_to..].find(text) {
                self.read_to += found + text.len();
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the terminal never showed {text:?}; it shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// How often `text` appears on the whole screen so far.
    pub fn count(&self, text: &str) -> usize {
        self.screen().matches(text).count()
    }

    /// Waits for the process to end and returns whether it succeeded.
    pub fn wait(mut self) -> (bool, String) {
        let status = self.child.wait().unwrap();
        // Let the reader take the last output.
        std::thread::sleep(Duration::from_millis(100));
        (status.success(), self.screen())
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new pseudo-terminal pair (master, slave), 24 rows by 80 columns.
fn open_pty() -> (OwnedFd, OwnedFd) {
    let mut master: libc::c_int = -1;
    let mut slave: libc::c_int = -1;
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into the integers we own and
    // reads the window size we pass; no name buffer or termios is given.
    let result = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(result, 0, "openpty failed");
    // SAFETY: both descriptors were just opened for us and are owned here only.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}
