//! A terminal that goes away without a signal. Started through `su` or `runuser`
//! (`ssh -t host su - staff -c dubang`), a dropped session never delivers SIGHUP to
//! dubang, and crossterm then spins on the dead tty at 100 % of a core (#793). So a
//! thread looks five times a second at what the kernel says of our terminal: once
//! the controlling terminal is gone (hung up: no tty in `/proc/self/stat`), the
//! pseudo-terminal our input and output go to is deleted (its window was closed:
//! `su` starts a new session, so there was no controlling terminal to lose), or
//! another process group holds its foreground, the dashboard ends as on SIGHUP.

use std::time::Duration;

/// How often the terminal is looked at: the process is gone well within a second.
const EVERY: Duration = Duration::from_millis(200);

/// The controlling terminal and its foreground process group, from
/// `/proc/self/stat` (fields 7 and 8; after the command name, which may hold spaces
/// and parentheses, hence the split at the last `)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ctty {
    tty: i64,
    foreground: i64,
}

fn ctty() -> Option<Ctty> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse(&stat)
}

fn parse(stat: &str) -> Option<Ctty> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    Some(Ctty {
        tty: f.get(4)?.parse().ok()?,
        foreground: f.get(5)?.parse().ok()?,
    })
}

/// What became of the terminal since the start.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    Here,
    /// Hung up or no longer answering: restoring it is harmless.
    Gone,
    /// Alive, but another process group holds it: touching its modes would stop us
    /// (SIGTTOU), so we leave without.
    TakenOver,
}

/// Whether the terminal device behind standard input or output was removed: a
/// pseudo-terminal whose other side (tmux's pane, sshd) closed is unlinked from
/// /dev/pts, and the kernel then names it "… (deleted)".
fn deleted() -> bool {
    ["/proc/self/fd/0", "/proc/self/fd/1"].iter().any(|fd| {
        std::fs::read_link(fd).is_ok_and(|p| {
            let p = p.to_string_lossy();
            p.starts_with("/dev/") && p.ends_with(" (deleted)")
        })
    })
}

fn judge(start: Ctty, now: Option<Ctty>, pgrp: i64, device_deleted: bool) -> Verdict {
    match now {
        Some(n) if start.tty != 0 && n.tty == 0 => Verdict::Gone,
        _ if device_deleted => Verdict::Gone,
        Some(n) if start.foreground == pgrp && n.foreground != pgrp && n.foreground > 0 => {
            Verdict::TakenOver
        }
        _ => Verdict::Here,
    }
}

/// Starts the watch (once the terminal is set up); it ends the process when the
/// terminal is gone. Without `/proc` there is nothing to watch.
pub fn watch() {
    let start = ctty().unwrap_or(Ctty {
        tty: 0,
        foreground: -1,
    });
    let pgrp = i64::from(rustix::process::getpgrp().as_raw_pid());
    // A device already shown as deleted (some containers) says nothing later.
    let deleted_at_start = deleted();
    let spawned = std::thread::Builder::new()
        .name("tty-watch".into())
        .spawn(move || {
            loop {
                std::thread::sleep(EVERY);
                match judge(start, ctty(), pgrp, !deleted_at_start && deleted()) {
                    Verdict::Here => continue,
                    Verdict::Gone => super::terminal::restore(),
                    Verdict::TakenOver => {}
                }
                // A running save finishes, unsaved edits are kept (as on SIGHUP).
                super::terminal::before_exit();
                // 128 + SIGHUP, as if the hangup had been delivered.
                std::process::exit(129);
            }
        });
    // No thread: the dashboard still runs, as it did before this watch existed.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_terminal_from_proc_stat() {
        let s = "17884 (dubang (x) y) S 17860 17860 17860 34817 17860 4194304 1 2";
        assert_eq!(
            parse(s),
            Some(Ctty {
                tty: 34817,
                foreground: 17860
            })
        );
        assert_eq!(parse("garbage"), None);
    }

    #[test]
    fn a_hung_up_or_taken_terminal_ends_the_watch() {
        let start = Ctty {
            tty: 34817,
            foreground: 100,
        };
        let hung = Ctty {
            tty: 0,
            foreground: -1,
        };
        let other = Ctty {
            tty: 34817,
            foreground: 200,
        };
        assert_eq!(judge(start, Some(start), 100, false), Verdict::Here);
        assert_eq!(judge(start, Some(hung), 100, false), Verdict::Gone);
        assert_eq!(judge(start, Some(start), 100, true), Verdict::Gone);
        assert_eq!(judge(start, Some(other), 100, false), Verdict::TakenOver);
        // Started in the background, or by `su` in a new session without a
        // controlling terminal: only the deleted device counts.
        assert_eq!(judge(start, Some(other), 300, false), Verdict::Here);
        assert_eq!(judge(hung, Some(hung), 100, false), Verdict::Here);
        assert_eq!(judge(hung, Some(hung), 100, true), Verdict::Gone);
        assert_eq!(judge(start, None, 100, false), Verdict::Here);
    }
}
