//! The way out with a save under way (issue 14, item 3): the bounded wait for a
//! running save can end while it is writing, and the terminal can go away without
//! a signal. Either way the save is renamed into place or not at all — no temporary
//! file is left beside the registry — and an edit that did not land is in the
//! recovery file. A write made slow for the test (`DUBANG_TEST_SLOW_SAVE_MS`, read
//! by debug builds only) keeps the save in the middle of its write.

use crate::common::*;
use crate::tmux_bgsave::{TASK_1, hang_up, hold_lock, recovery_files, task_1_status, temporaries};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// The dashboard's bounded wait for a running save on the way out.
const RESCUE_WAIT: Duration = Duration::from_secs(5);

/// The debug build cargo made for these tests (the release build has no slow write).
fn debug_binary() -> Option<&'static Path> {
    cfg!(debug_assertions).then(|| Path::new(env!("CARGO_BIN_EXE_dubang")))
}

/// Starts `command` in session `session`, selects task 1 of section 一 and presses
/// `]` (status → 推进中); returns once the edit is shown.
fn start_and_edit(t: &Tmux, session: &str, command: &str) {
    t.spawn_session(session, 80, 24, command);
    let p = t.pane(session);
    p.wait_for("the overview", overview);
    p.keys(&["2"]);
    p.wait_for("the Sections tab", |s| s.has("任务 · (一)"));
    p.keys(&["Enter"]);
    p.wait_for("task 1 selected", |s| {
        s.lines
            .iter()
            .any(|l| l.starts_with("│▸") && l.contains(TASK_1))
    });
    p.keys(&["]"]);
    p.wait_for("task 1 shown in progress", |s| {
        s.lines
            .iter()
            .any(|l| l.contains(TASK_1) && l.contains("推进中"))
    });
}

/// The one edit kept in the recovery file: task 1 to in progress.
fn assert_kept_in_recovery(t: &Tmux) {
    let files = recovery_files(t);
    assert_eq!(files.len(), 1, "{files:?}");
    let kept: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    let edits = kept["edits"].as_array().expect("edits");
    assert_eq!(edits.len(), 1, "{kept}");
    assert_eq!(edits[0]["op"]["SetStatus"]["to"], "in_progress", "{kept}");
}

/// Waits until a temporary file of the save is there: the save is writing.
fn wait_for_temporary(reg: &str) {
    let start = Instant::now();
    while temporaries(reg).is_empty() {
        assert!(start.elapsed() < TIMEOUT, "no save started writing");
        std::thread::sleep(POLL);
    }
}

#[test]
fn a_hang_up_in_the_middle_of_a_write_leaves_no_temporary_and_keeps_the_edit() {
    need_tmux!();
    let Some(bin) = debug_binary() else {
        eprintln!("skipped: the slow write is in debug builds only");
        return;
    };
    let t = Tmux::new();
    let reg = t.registry_copy();
    let env = [("DUBANG_TEST_SLOW_SAVE_MS", "20000")];
    let cmd = t.app_command_with(bin, "zh_CN.UTF-8", &env, &["--file", &reg]);
    start_and_edit(&t, "t", &format!("exec {cmd}"));
    let pid = t.pane_pid();
    wait_for_temporary(&reg);
    let hung = Instant::now();
    hang_up(pid);
    let took = gone_within(pid, RESCUE_WAIT + Duration::from_secs(3));
    assert!(
        took.is_some(),
        "still running {:?} after SIGHUP",
        hung.elapsed()
    );
    let took = hung.elapsed();
    assert!(
        took >= RESCUE_WAIT && took < RESCUE_WAIT + Duration::from_secs(1),
        "gone {took:?} after SIGHUP: the wait, then at once"
    );
    assert!(temporaries(&reg).is_empty(), "{:?}", temporaries(&reg));
    assert_eq!(
        task_1_status(&reg),
        "not_started",
        "the slow save did not land"
    );
    assert_kept_in_recovery(&t);
}

/// The pane closed under a dashboard that gets no SIGHUP (`setsid`: a session of
/// its own, as under `su`), while its save waits for a lock another process holds,
/// or is in the middle of its write.
#[test]
fn a_closed_pane_with_a_save_under_way_keeps_the_edit_and_no_temporary() {
    need_tmux!();
    for slow in [false, true] {
        let bin = match (slow, debug_binary()) {
            (false, _) => binary(),
            (true, Some(b)) => b,
            (true, None) => {
                eprintln!("skipped the slow write: in debug builds only");
                continue;
            }
        };
        let t = Tmux::new();
        let reg = t.registry_copy();
        let held = (!slow).then(|| hold_lock(&reg));
        let env = [("DUBANG_TEST_SLOW_SAVE_MS", if slow { "20000" } else { "" })];
        let cmd = t.app_command_with(bin, "zh_CN.UTF-8", &env, &["--file", &reg]);
        start_and_edit(&t, "t", &format!("exec setsid -w {cmd}"));
        let pid = child_named(t.pane_pid(), "dubang").expect("dubang under setsid");
        if slow {
            wait_for_temporary(&reg);
        } else {
            t.wait_for("the save waits for the lock", |s| {
                s.last_text_line().contains("等待文件锁")
            });
        }
        let closed = Instant::now();
        t.run(&["kill-session", "-t", "=t"]);
        if gone_within(pid, RESCUE_WAIT + Duration::from_secs(3)).is_none() {
            signal(pid, "KILL");
            panic!(
                "slow {slow}: dubang outlived its closed pane by {:?}",
                closed.elapsed()
            );
        }
        let took = closed.elapsed();
        assert!(
            took >= RESCUE_WAIT && took < RESCUE_WAIT + Duration::from_secs(1),
            "slow {slow}: gone {took:?} after the pane closed: the wait, then at once"
        );
        drop(held);
        assert!(
            temporaries(&reg).is_empty(),
            "slow {slow}: {:?}",
            temporaries(&reg)
        );
        assert_eq!(task_1_status(&reg), "not_started", "slow {slow}");
        assert_kept_in_recovery(&t);
    }
}
