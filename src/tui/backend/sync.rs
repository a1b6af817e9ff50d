//! Whether the terminal knows synchronised output (mode 2026: it holds the screen
//! while a frame is written, so a slow link never shows half of one). Asked once
//! at start-up, in raw mode and before crossterm reads any input: DECRQM
//! `CSI ? 2026 $ p`, then primary device attributes `CSI c`, which every terminal
//! answers in order — so once that second answer is in, a terminal that did not
//! answer the first does not know the mode, without a long wait.
//!
//! The answers are read here, never by crossterm, so none becomes a key; keys typed
//! in that moment are dropped with them. The wait is bounded by [`WAIT`] (plus
//! [`GRACE`] to finish an answer already arriving). Answers slower than that (a
//! very slow link) reach crossterm whole and in order: it reads both as one
//! `CSI ? … c`, device attributes, which it drops — no key either.

use std::fs::File;
use std::io::{IsTerminal, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::time::{Duration, Instant};

/// How long start-up waits for the answers at most.
pub const WAIT: Duration = Duration::from_millis(150);

/// How much longer it waits when an answer has begun to arrive at [`WAIT`], so
/// that its rest is not left for crossterm to read as keys.
pub const GRACE: Duration = Duration::from_millis(50);

/// The two questions, in one write.
pub const QUERY: &[u8] = b"\x1b[?2026$p\x1b[c";

/// The end of the primary device attributes answer `CSI ? digits;… c` in `read`.
fn attributes_end(read: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find(&read[from..], b"\x1b[?") {
        let start = from + at + 3;
        let params = read[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b';')
            .count();
        if read.get(start + params) == Some(&b'c') {
            return Some(start + params + 1);
        }
        from = start;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// What the bytes read so far say: `None` until the device attributes arrived,
/// then whether a DECRPM answer before them reports mode 2026 as known (set,
/// reset or permanently set; 0 is "unknown mode", 4 "permanently reset").
pub fn answer(read: &[u8]) -> Option<bool> {
    let end = attributes_end(read)?;
    let before = &read[..end];
    let Some(at) = find(before, b"\x1b[?2026;") else {
        return Some(false);
    };
    let rest = &before[at + 8..];
    Some(matches!(rest, [b'1' | b'2' | b'3', b'$', b'y', ..]))
}

/// Whether `read` ends inside an escape sequence (an answer half arrived).
fn midway(read: &[u8]) -> bool {
    match read.iter().rposition(|&b| b == 0x1b) {
        Some(at) => !read[at + 1..]
            .iter()
            .skip(1)
            .any(|b| (0x40..=0x7e).contains(b)),
        None => false,
    }
}

/// Asks the terminal (see the module's doc). False where standard output or the
/// input is not a terminal, on any error, or when no answer came in time.
pub fn supported() -> bool {
    let out = std::io::stdout();
    if !out.is_terminal() {
        return false;
    }
    // The input crossterm will read: standard input if it is a terminal, else the
    // controlling terminal.
    let stdin = std::io::stdin();
    let tty;
    let input: BorrowedFd = if stdin.is_terminal() {
        stdin.as_fd()
    } else {
        match File::open("/dev/tty") {
            Ok(f) => {
                tty = f;
                tty.as_fd()
            }
            Err(_) => return false,
        }
    };
    let mut out = out.lock();
    if out.write_all(QUERY).and_then(|()| out.flush()).is_err() {
        return false;
    }
    read_answer(input, WAIT, GRACE).unwrap_or(false)
}

/// Reads from `input` until the answer is known, or until `wait` (or `wait` +
/// `grace`, when an answer is arriving) has passed.
fn read_answer(input: BorrowedFd, wait: Duration, grace: Duration) -> Option<bool> {
    use rustix::event::{PollFd, PollFlags, poll};
    let start = Instant::now();
    let mut read = Vec::new();
    let mut chunk = [0u8; 256];
    loop {
        if let Some(yes) = answer(&read) {
            return Some(yes);
        }
        let limit = if midway(&read) { wait + grace } else { wait };
        let left = limit.checked_sub(start.elapsed())?;
        let timeout = rustix::event::Timespec::try_from(left).ok()?;
        let mut fds = [PollFd::new(&input, PollFlags::IN)];
        match poll(&mut fds, Some(&timeout)) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return None,
        }
        match rustix::io::read(input, &mut chunk) {
            Ok(0) => return None,
            Ok(n) => read.extend_from_slice(&chunk[..n]),
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
            Err(_) => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answers_say_whether_the_mode_is_known() {
        // xterm-like: the mode is known (reset until a frame sets it).
        assert_eq!(answer(b"\x1b[?2026;2$y\x1b[?64;1;2;6;22c"), Some(true));
        assert_eq!(answer(b"\x1b[?2026;1$y\x1b[?62c"), Some(true));
        // Unknown mode, or permanently off.
        assert_eq!(answer(b"\x1b[?2026;0$y\x1b[?62c"), Some(false));
        assert_eq!(answer(b"\x1b[?2026;4$y\x1b[?62c"), Some(false));
        // No DECRPM at all (tmux 3.3, the Linux console): only the attributes.
        assert_eq!(answer(b"\x1b[?1;2c"), Some(false));
        assert_eq!(answer(b"\x1b[?6c"), Some(false));
        // A key typed meanwhile does not matter.
        assert_eq!(answer(b"j\x1b[?2026;2$y\x1b[?62c"), Some(true));
    }

    #[test]
    fn nothing_is_decided_before_the_attributes_arrive() {
        assert_eq!(answer(b""), None);
        assert_eq!(answer(b"\x1b[?2026;2$y"), None);
        assert_eq!(answer(b"\x1b[?2026;2$y\x1b[?64;1"), None);
        assert!(midway(b"\x1b[?2026;2$y\x1b[?64;1"));
        assert!(midway(b"\x1b["));
        assert!(!midway(b"\x1b[?2026;2$y"));
        assert!(!midway(b"j"));
    }
}
