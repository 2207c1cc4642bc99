//! How text meets the terminal: lines wrapped at word boundaries to the
//! terminal's width (never mid-word), and counts that agree with their
//! nouns ("1 session", "2 sessions"). Output to a pipe is not wrapped, so
//! scripts read one line per message.

use std::io::IsTerminal;

/// The width used when a terminal does not say its own.
const FALLBACK_WIDTH: usize = 80;
/// Never wrap narrower than this (a tiny pane still shows whole words).
const MIN_WIDTH: usize = 20;

/// The width to wrap stdout at: the terminal's columns, or `None` when
/// stdout is not a terminal (no wrapping).
pub fn stdout_width() -> Option<usize> {
    width_of(libc::STDOUT_FILENO, std::io::stdout().is_terminal())
}

/// The width to wrap stderr at (prompts, the session's conversation).
pub fn stderr_width() -> Option<usize> {
    width_of(libc::STDERR_FILENO, std::io::stderr().is_terminal())
}

fn width_of(fd: libc::c_int, terminal: bool) -> Option<usize> {
    if !terminal {
        return None;
    }
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one winsize into the struct we own.
    let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } == 0;
    let columns = usize::from(size.ws_col);
    Some(if ok && columns > 0 {
        columns.max(MIN_WIDTH)
    } else {
        FALLBACK_WIDTH
    })
}

/// `text` wrapped at word boundaries to `width` columns (a word longer than
/// the width stands alone on its line, unbroken); existing line breaks are
/// kept, and each wrapped line after the first is indented like the first.
pub fn wrap(text: &str, width: Option<usize>) -> String {
    let Some(width) = width else {
        return text.to_string();
    };
    text.split('\n')
        .map(|line| wrap_line(line, width))
        .collect::<Vec<_>>()
        .join("\n")
}

fn wrap_line(line: &str, width: usize) -> String {
    let indent: String = line.chars().take_while(|c| *c == ' ').collect();
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for word in line.split_whitespace() {
        let len = word.chars().count();
        if column == 0 {
            out.push_str(&indent);
            out.push_str(word);
            column = indent.len() + len;
        } else if column + 1 + len <= width {
            out.push(' ');
            out.push_str(word);
            column += 1 + len;
        } else {
            out.push('\n');
            out.push_str(&indent);
            out.push_str(word);
            column = indent.len() + len;
        }
    }
    out
}

/// Prints `text` on stdout, wrapped to the terminal.
pub fn say(text: &str) {
    println!("{}", wrap(text, stdout_width()));
}

/// Prints `text` on stderr, wrapped to the terminal.
pub fn tell(text: &str) {
    eprintln!("{}", wrap(text, stderr_width()));
}

/// A count with its noun in agreement: `count(1, "session", "sessions")` is
/// "1 session", `count(3, …)` "3 sessions".
pub fn count(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_never_inside_one() {
        let text = "Sterilise the roller: rinse off any debris, then soak it in alcohol.";
        let wrapped = wrap(text, Some(24));
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 24, "{line:?}");
        }
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        assert_eq!(
            wrap("unbreakable-word-longer-than-width", Some(10)),
            "unbreakable-word-longer-than-width"
        );
        assert_eq!(wrap(text, None), text);
    }

    #[test]
    fn indentation_is_kept_on_every_wrapped_line() {
        let wrapped = wrap("  - one two three four", Some(12));
        assert_eq!(wrapped, "  - one two\n  three four");
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(0, "session", "sessions"), "0 sessions");
        assert_eq!(count(1, "session", "sessions"), "1 session");
        assert_eq!(count(2, "check-in", "check-ins"), "2 check-ins");
    }
}
