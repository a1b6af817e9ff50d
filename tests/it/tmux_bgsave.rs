//! The real binary in tmux, saving in the background (issue 14, items 2 and 3): with
//! the lock held by someone else the edit shows at once, marked `*`, and the status
//! line says the save waits and whose lock it is. SIGHUP while it waits lets the
//! save finish if the lock comes free within the bounded wait; otherwise the edit
//! goes to the recovery file in the user's data directory, and the next start
//! offers it — `r` saves it. No temporary file is left beside the registry.

use crate::common::*;
use serde_json::Value;
use std::fs::File;
use std::path::Path;
use std::time::{Duration, Instant};

pub(crate) const TASK_1: &str = "持续巩固拓展脱贫攻坚成果";

/// The lock of `reg`, held by this test process until dropped.
pub(crate) fn hold_lock(reg: &str) -> File {
    let lock = dubang::store::lock::lock_path(&Path::new(reg).canonicalize().unwrap());
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock)
        .unwrap();
    f.lock().unwrap();
    f
}

pub(crate) fn task_1_status(reg: &str) -> String {
    let v: Value = serde_json::from_slice(&std::fs::read(reg).unwrap()).unwrap();
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["number"] == 1)
        .unwrap()["status"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// The files in the registry's directory a save's temporary would be.
pub(crate) fn temporaries(reg: &str) -> Vec<String> {
    let dir = Path::new(reg).parent().unwrap();
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

pub(crate) fn recovery_files(t: &Tmux) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(t.path("data/dubang/recovery"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Starts the dashboard on `reg`, moves to task 1 of section 一 and presses `]`
/// (status → 推进中) while this process holds the lock; returns the dashboard's pid
/// once the status line says the save waits.
fn edit_while_locked(t: &Tmux, session: &str, reg: &str) -> u32 {
    let cmd = t.app_command("zh_CN.UTF-8", &["--file", reg]);
    t.spawn_session(session, 80, 24, &format!("exec {cmd}"));
    let p = t.pane(session);
    p.wait_for("the overview", overview);
    p.keys(&["2"]);
    let list = p.wait_for("the Sections tab", |s| s.has("任务 · (一)"));
    p.keys(&["Enter"]);
    p.wait_for("the task list focused", |s| {
        *s != list
            && s.lines
                .iter()
                .any(|l| l.starts_with("│▸") && l.contains(TASK_1))
    });
    let pressed = Instant::now();
    p.keys(&["]"]);
    // Shown at once, marked as not in the file yet.
    p.wait_for("task 1 shown in progress, marked", |s| {
        s.lines
            .iter()
            .any(|l| l.contains(TASK_1) && l.contains("推进中") && l.contains("1*"))
    });
    eprintln!("the edit showed {:?} after the key", pressed.elapsed());
    let me = std::process::id();
    let waiting = p.wait_for("the status line says the save waits for our lock", |s| {
        s.last_text_line().contains("等待文件锁")
    });
    assert!(
        waiting.last_text_line().contains(&format!("(进程 {me})")),
        "names the holder:\n{}",
        waiting.dump()
    );
    // Keys are answered meanwhile (j moves to task 2), and the wait stays said.
    p.keys(&["j"]);
    p.wait_for("task 2 selected, the wait still said", |s| {
        s.lines
            .iter()
            .any(|l| l.starts_with("│▸") && l.contains(" 2 "))
            && s.last_text_line().contains("等待文件锁")
    });
    assert_eq!(task_1_status(reg), "not_started", "not saved while locked");
    p.pane_pid()
}

pub(crate) fn hang_up(pid: u32) {
    let ok = std::process::Command::new("kill")
        .args(["-HUP", &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -HUP {pid}");
}

fn wait_gone(pid: u32, limit: Duration) {
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}/comm")).exists()
        && std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "))
    {
        assert!(start.elapsed() < limit, "pid {pid} still running");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sighup_while_the_lock_is_held_keeps_the_edit_for_the_next_start() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    let held = hold_lock(&reg);
    let pid = edit_while_locked(&t, "t", &reg);
    hang_up(pid);
    // The save gets its bounded wait (5 s), then the edit goes to the recovery file.
    wait_gone(pid, Duration::from_secs(12));
    let files = recovery_files(&t);
    assert_eq!(files.len(), 1, "{files:?}");
    let kept: Value = serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    let edits = kept["edits"].as_array().expect("edits");
    assert_eq!(edits.len(), 1, "{kept}");
    assert_eq!(edits[0]["op"]["SetStatus"]["to"], "in_progress", "{kept}");
    assert_eq!(task_1_status(&reg), "not_started");
    assert!(temporaries(&reg).is_empty(), "{:?}", temporaries(&reg));
    drop(held);

    // The next start offers it; r saves it through the normal path.
    let cmd = t.app_command("zh_CN.UTF-8", &["--file", &reg]);
    t.spawn_session("again", 80, 24, &format!("exec {cmd}"));
    let p = t.pane("again");
    p.wait_for("the offer", |s| {
        overview(s) && s.last_text_line().contains("找回 1 项")
    });
    assert!(recovery_files(&t).is_empty(), "taken on start");
    p.keys(&["r"]);
    p.wait_for("saved", |s| s.last_text_line().contains("已保存"));
    assert_eq!(task_1_status(&reg), "in_progress");
}

#[test]
fn sighup_during_a_waiting_save_lets_it_finish_when_the_lock_comes_free() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    let held = hold_lock(&reg);
    let pid = edit_while_locked(&t, "t", &reg);
    hang_up(pid);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        Path::new(&format!("/proc/{pid}")).exists(),
        "waits for the save"
    );
    drop(held);
    wait_gone(pid, Duration::from_secs(10));
    assert_eq!(task_1_status(&reg), "in_progress", "the save finished");
    assert!(recovery_files(&t).is_empty(), "nothing left to recover");
    assert!(temporaries(&reg).is_empty(), "{:?}", temporaries(&reg));
}
