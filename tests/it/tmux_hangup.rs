//! SIGHUP at random moments while a 10 000-task registry is being saved (issue 14,
//! item 3, its check): 30 rounds of the real dashboard in tmux, each making a few
//! status edits and hung up at a random moment of their saves (every third round
//! with the lock held by a colleague until a random moment of the last save's length
//! before the bounded wait ends). Every edit the
//! dashboard showed is then either in the file (its status and history) or in the
//! recovery file, the file loads, nothing else changed, no temporary file is left
//! beside the registry or the recovery file, and the process is gone within the
//! bounded wait (5 s) and a second.

use crate::common::{DOC_NUMBER, Screen, Tmux, have_tmux, signal};
use crate::edit_common::{Rng, set_cmd_with};
use crate::tmux_bgsave::hold_lock;
use dubang::registry::{Edit, EditTarget, Op, Registry, Status};
use std::path::Path;
use std::time::{Duration, Instant};

const TASKS: usize = 10_000;
const ROUNDS: usize = 30;
/// How long a screen of the 10 000-task file may take (a debug build, a busy machine).
const SLOW: Duration = Duration::from_secs(30);
/// The dashboard's bounded wait for a running save on the way out.
const RESCUE_WAIT: Duration = Duration::from_secs(5);

/// The bundled plan with its tasks cloned up to [`TASKS`] (ids `t1`…, numbers 1…), as
/// the file holds it: some 8 MB.
fn big_registry() -> String {
    let mut reg = dubang::store::parse_bytes(
        Path::new("registry.json"),
        dubang::store::BUNDLED.as_bytes(),
    )
    .unwrap();
    let base = reg.tasks.clone();
    reg.tasks = (0..TASKS)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.id = format!("t{}", i + 1);
            t.number = (i + 1) as u32;
            t
        })
        .collect();
    assert!(reg.tasks.iter().all(|t| t.status == Status::NotStarted));
    dubang::store::to_json(&reg)
}

/// The number a row of the task list starts with, without the `*` of an edit the
/// file has not taken yet.
fn row_number(line: &str) -> &str {
    let row = line.trim_start_matches(['│', '▸', ' ']);
    row.split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches('*')
}

/// Whether the task list shows task `n` in progress.
fn shows_in_progress(s: &Screen, n: usize) -> bool {
    s.lines
        .iter()
        .any(|l| row_number(l) == n.to_string() && l.contains("推进中"))
}

/// The names in `dir` that a save's (or a recovery write's) temporary file would have.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect()
        })
        .unwrap_or_default()
}

/// The edits kept in the recovery file of `reg`, if there is one.
fn recovered(t: &Tmux, reg: &Path) -> Vec<Edit> {
    let path = dubang::store::recovery::path_in(&t.path("data/dubang"), reg);
    let Ok(bytes) = std::fs::read(&path) else {
        return Vec::new();
    };
    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("the recovery file is JSON");
    serde_json::from_value(v["edits"].clone()).expect("the recovery file's edits")
}

fn is_in_progress_of(e: &Edit, id: &str) -> bool {
    e.target == EditTarget::Task(id.into())
        && matches!(
            e.op,
            Op::SetStatus {
                to: Status::InProgress
            }
        )
}

/// How long one `dubang set` of the big file takes here, with the binary the
/// dashboard runs: the hang-ups land within the saves the round's edits start.
fn one_save(dir: &Path, json: &str) -> Duration {
    let file = dir.join("warm.json");
    std::fs::write(&file, json).unwrap();
    let start = Instant::now();
    let bin = crate::common::binary().display().to_string();
    let out = set_cmd_with(&bin, &file, &["1", "in_progress"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    start.elapsed()
}

#[test]
fn sighup_at_random_moments_of_saves_loses_no_edit_and_leaves_no_temporary() {
    if !have_tmux() {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let t = Tmux::alone();
    let json = big_registry();
    let save = one_save(&t.path(""), &json);
    let mut rng = Rng::new("hangup");
    let started = Instant::now();
    let (mut on_disk, mut kept, mut both, mut slowest) = (0, 0, 0, Duration::ZERO);
    // Edits kept though not yet drawn at the hang-up; keys not yet read by then.
    let (mut unseen, mut not_made) = (0, 0);
    for round in 0..ROUNDS {
        let dir = t.path(&format!("r{round}"));
        std::fs::create_dir(&dir).unwrap();
        let reg = dir.join("registry.json");
        std::fs::write(&reg, &json).unwrap();
        let session = format!("r{round}");
        let cmd = t.app_command("zh_CN.UTF-8", &["--file", &reg.display().to_string()]);
        t.spawn_session(&session, 80, 24, &format!("exec {cmd}"));
        let p = t.pane(&session);
        p.wait_for_within("the overview", SLOW, |s| {
            s.has_all(&[DOC_NUMBER, "任务 10000"])
        });
        let pid = p.pane_pid();
        p.keys(&["2"]);
        p.wait_for_within("the Sections tab", SLOW, |s| s.has("任务 · (一)"));
        p.keys(&["Enter"]);
        p.wait_for_within("task 1 selected", SLOW, |s| {
            s.lines
                .iter()
                .any(|l| l.starts_with("│▸") && row_number(l) == "1")
        });
        // 1 to 4 edits typed at once (] then j: the next task), and the hang-up at a
        // random moment within the time their saves take. The edits the screen shows
        // just before it were made (drawn only once handed to the saver). Every third
        // round a colleague holds the lock meanwhile and lets it go at a random moment
        // of the last save's length before the bounded wait ends: the wait then ends
        // in the middle of a save.
        let held = (round % 3 == 2).then(|| hold_lock(&reg.display().to_string()));
        let edits = 1 + rng.below(4) as usize;
        let keys: Vec<&str> = std::iter::repeat_n(["]", "j"], edits).flatten().collect();
        p.keys(&keys);
        let window = match held {
            Some(_) => 1000,
            None => save.as_millis() as u64 * edits as u64 * 13 / 10,
        };
        std::thread::sleep(Duration::from_millis(rng.below(window.max(1))));
        let seen = p.capture();
        let hung = Instant::now();
        signal(pid, "HUP");
        let shown: Vec<usize> = (1..=edits)
            .filter(|&n| shows_in_progress(&seen, n))
            .collect();
        if let Some(lock) = held {
            let before_end = Duration::from_millis(rng.below(save.as_millis() as u64 * 13 / 10));
            std::thread::sleep(RESCUE_WAIT.saturating_sub(before_end));
            drop(lock);
        }
        let limit = RESCUE_WAIT + Duration::from_secs(2);
        let Some(took) = crate::common::gone_within(pid, limit.saturating_sub(hung.elapsed()))
            .map(|_| hung.elapsed())
        else {
            signal(pid, "KILL");
            panic!(
                "round {round}: dubang still running {:?} after SIGHUP",
                hung.elapsed()
            );
        };
        slowest = slowest.max(took);

        let now: Registry = dubang::store::load(&reg)
            .unwrap_or_else(|e| panic!("round {round}: the file does not load: {e}"));
        let rescued = recovered(&t, &reg);
        // Where each typed edit ended up: the made ones are 1..=k in typing order, so
        // the kept ones must be too (no gap), and include every one shown.
        let mut kept_upto = 0;
        for n in 1..=edits {
            let id = format!("t{n}");
            let task = now.task(&id).unwrap();
            let saved = task.status == Status::InProgress && !task.history.is_empty();
            let in_recovery = rescued.iter().any(|e| is_in_progress_of(e, &id));
            match (saved, in_recovery) {
                (true, true) => both += 1,
                (true, false) => on_disk += 1,
                (false, true) => kept += 1,
                (false, false) => {
                    assert!(
                        !shown.contains(&n),
                        "round {round}: the edit of task {n} (of {edits}, shown {shown:?}) is \
                         neither in the file nor in the recovery file {rescued:?}"
                    );
                    continue;
                }
            }
            assert_eq!(
                kept_upto,
                n - 1,
                "round {round}: task {n} kept, an earlier edit lost"
            );
            kept_upto = n;
        }
        unseen += kept_upto - shown.len();
        let late = edits - kept_upto;
        not_made += late;
        let changed: Vec<u32> = now
            .tasks
            .iter()
            .filter(|t| t.status != Status::NotStarted || !t.history.is_empty())
            .map(|t| t.number)
            .collect();
        assert!(
            changed.iter().all(|&n| (n as usize) <= edits),
            "round {round}: tasks changed that were not edited: {changed:?}"
        );
        assert!(
            temporaries(&dir).is_empty(),
            "round {round}: left beside the registry: {:?} (SIGHUP {took:?} before the exit)",
            temporaries(&dir)
        );
        let recovery_dir = t.path("data/dubang/recovery");
        assert!(
            temporaries(&recovery_dir).is_empty(),
            "round {round}: left beside the recovery files: {:?}",
            temporaries(&recovery_dir)
        );
        let _ = t.tmux(&["kill-session", "-t", &format!("={session}")]);
        std::fs::remove_file(&reg).unwrap();
    }
    eprintln!(
        "{ROUNDS} rounds in {:?} (one save {save:?}): edits saved {on_disk}, in the recovery \
         file {kept}, both {both} (of them not yet shown at the hang-up {unseen}; typed, \
         not yet read {not_made}); slowest exit {slowest:?} after SIGHUP",
        started.elapsed()
    );
    assert!(
        slowest <= RESCUE_WAIT + Duration::from_secs(1),
        "an exit took {slowest:?}"
    );
}
