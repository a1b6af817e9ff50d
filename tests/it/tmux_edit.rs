//! End-to-end test of editing in the dashboard (issue 4), in tmux: a status and a
//! Chinese note edited in one instance are saved at once, and a second instance on
//! the same file, run by a colleague in English, shows them within two seconds with
//! "reloaded: … by liwei"; the file holds both history entries. A `--read-only`
//! dashboard refuses every edit key with its reason and leaves the file's bytes alone.
//! The tmux harness is in `common`.

use crate::common::people::recorded_as;
use crate::common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

const TASK_1: &str = "持续巩固拓展脱贫攻坚成果";
const TASK_1_LEAD: &str = "市乡村振兴局";
const NOTE: &str = "已召开推进会";

/// The dashboard as `user` (who edits are recorded as), on `reg`.
fn app_as(t: &Tmux, user: &str, lang_env: &str, args: &[&str]) -> String {
    let cmd = t.app_command_env(
        lang_env,
        // `user` is who the history names (see common::people).
        &[("SUDO_USER", user)],
        args,
    );
    format!("exec {cmd}")
}

/// Task 1's row in a task list.
fn task_1_row(s: &Screen) -> Option<&str> {
    s.lines
        .iter()
        .find(|l| l.contains(TASK_1) && l.contains(TASK_1_LEAD))
        .map(String::as_str)
}

/// Task 1's detail (Chinese): its title and its full text.
fn task_1_detail(s: &Screen) -> bool {
    s.has_all(&["任务 1 · 持续巩固拓展脱贫攻坚成果", "全文"])
}

fn task_1(path: &str) -> Value {
    let reg: Value = serde_json::from_slice(&std::fs::read(path).expect("read the registry"))
        .expect("the registry is JSON");
    reg["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .find(|t| t["number"] == 1)
        .expect("task 1")
        .clone()
}

/// A: status → 推进中 and a note; B, on the same file, sees both within 2 s.
#[test]
fn edits_are_saved_at_once_and_seen_by_a_second_instance() {
    let liwei = recorded_as("liwei");
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    t.spawn(
        80,
        24,
        &app_as(&t, "liwei", "zh_CN.UTF-8", &["--file", &reg]),
    );
    t.spawn_session(
        "b",
        80,
        24,
        &app_as(
            &t,
            "wangfang",
            "zh_CN.UTF-8",
            &["--lang", "en", "--file", &reg],
        ),
    );
    let (a, b) = (t.pane("t"), t.pane("b"));
    a.wait_for("A's overview", overview);
    b.wait_for("B's overview", |s| overview(s) && s.has("Overview"));

    // B: the tasks of section 一, task 1 not started.
    b.keys(&["2"]);
    let sections = b.wait_for("B's Sections tab", |s| {
        s.has("Tasks · (一)") && task_1_row(s).is_some_and(|l| l.contains("not started"))
    });
    b.keys(&["Enter"]);
    b.wait_for("B's task list focused", |s| {
        *s != sections && task_1_row(s).is_some_and(|l| l.starts_with("│▸"))
    });

    // A: section 一 → its tasks → task 1's detail.
    a.keys(&["2"]);
    let list = a.wait_for("A's Sections tab", |s| s.has("任务 · (一)"));
    a.keys(&["Enter"]);
    a.wait_for("A's task list focused", |s| {
        *s != list && task_1_row(s).is_some_and(|l| l.starts_with("│▸"))
    });
    a.keys(&["Enter"]);
    a.wait_for("task 1's detail, not started", |s| {
        task_1_detail(s) && s.has("│◌ 未启动 进度") && s.has("历史 (0)")
    });

    // s, 2: 推进中, saved at once.
    a.keys(&["s"]);
    a.wait_for("the status picker", |s| {
        s.has_all(&["状态 · 任务 1", "◔ 推进中", "✓ 已完成", "✗ 受阻"])
    });
    a.keys(&["2"]);
    let saved = a.wait_for("the status saved", |s| {
        task_1_detail(s) && s.last_text_line().contains("已保存")
    });
    let saved_at = Instant::now();
    let status = saved.last_text_line();
    assert!(
        status.contains("任务 1: 未启动 → 推进中"),
        "the status line says what was saved: {status:?}\n{}",
        saved.dump()
    );
    let time = status.rsplit(' ').next().unwrap_or_default();
    assert!(
        time.len() == 8 && time.chars().filter(|c| *c == ':').count() == 2,
        "the status line ends in the time saved (HH:MM:SS): {status:?}"
    );
    assert!(
        saved.has("│◔ 推进中 进度") && saved.has(&format!("{liwei} 状态 未启动 → 推进中")),
        "the detail shows ◔ 推进中 and the change in its history:
{}",
        saved.dump()
    );
    assert_eq!(task_1(&reg)["status"], "in_progress", "saved to the file");

    // B, polling the file once a second, shows it within 2 s.
    let seen = b.wait_for_within("B reloading A's change", Duration::from_secs(2), |s| {
        task_1_row(s).is_some_and(|l| l.contains("in progress"))
            && s.last_text_line().contains("reloaded:")
    });
    let took = saved_at.elapsed();
    let reloaded = seen.last_text_line();
    assert!(
        reloaded.contains("reloaded: ") && reloaded.ends_with(&format!("by {liwei}")),
        "B names who changed the file: {reloaded:?}\n{}",
        seen.dump()
    );
    assert!(
        task_1_row(&seen).is_some_and(|l| l.starts_with("│▸")),
        "B keeps task 1 selected:\n{}",
        seen.dump()
    );
    eprintln!("B showed A's change {took:?} after A said it was saved");

    // n: a note typed in Chinese, Enter saves it.
    a.keys(&["n"]);
    a.wait_for("the note input", |s| s.has("进展备注 · 任务 1"));
    a.type_text(NOTE);
    a.wait_for("the note typed", |s| {
        s.has("进展备注 · 任务 1") && s.has(&format!("│ {NOTE}"))
    });
    a.keys(&["Enter"]);
    // The note shows at once; the status line says saved when the saver thread is done.
    let noted = a.wait_for("the note in the history, saved", |s| {
        task_1_detail(s)
            && !s.has("进展备注")
            && s.has("历史 (2)")
            && s.last_text_line().contains("已保存")
    });
    let noted_at = Instant::now();
    let at = noted
        .lines
        .iter()
        .position(|l| l.contains(&format!("{liwei} 备注")))
        .unwrap_or_else(|| panic!("a note entry by liwei:\n{}", noted.dump()));
    assert!(
        noted.lines[at + 1].contains(NOTE),
        "the note under its entry:\n{}",
        noted.dump()
    );
    assert!(
        noted.last_text_line().contains("已加备注 · 已保存"),
        "the status line says the note was saved:\n{}",
        noted.dump()
    );

    // B: the note in task 1's detail, within 2 s of A saving it (B may have
    // reloaded before or after its Enter, so the status line is not checked again).
    b.keys(&["Enter"]);
    b.wait_for_within(
        "B's detail of task 1 with A's note",
        Duration::from_secs(2).saturating_sub(noted_at.elapsed()),
        |s| s.has_all(&["Task 1 · 持续巩固拓展脱贫攻坚成果", "History (2)", NOTE]),
    );

    // The file: both entries by liwei, status first, with RFC 3339 times.
    let task = task_1(&reg);
    assert_eq!(task["status"], "in_progress");
    assert_eq!(task["updated_by"], liwei.as_str());
    let history = task["history"].as_array().expect("history");
    assert_eq!(history.len(), 2, "two history entries: {history:#?}");
    assert_eq!(
        (
            &history[0]["by"],
            &history[0]["field"],
            &history[0]["from"],
            &history[0]["to"]
        ),
        (
            &Value::from(liwei.as_str()),
            &Value::from("status"),
            &Value::from("not_started"),
            &Value::from("in_progress")
        ),
        "the status change: {history:#?}"
    );
    assert_eq!(
        (&history[1]["by"], &history[1]["field"], &history[1]["note"]),
        (
            &Value::from(liwei.as_str()),
            &Value::from("note"),
            &Value::from(NOTE)
        ),
        "the note: {history:#?}"
    );
    for h in history {
        let at = h["at"].as_str().expect("at");
        assert!(
            chrono::DateTime::parse_from_rfc3339(at).is_ok(),
            "a time with its offset: {at:?}"
        );
    }
}

/// `--read-only`: each edit key says why it is off, and the file is not touched.
#[test]
fn read_only_refuses_every_edit_key() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    let before = std::fs::read(&reg).expect("read the registry");
    t.spawn(
        80,
        24,
        &app_as(&t, "liwei", "zh_CN.UTF-8", &["--read-only", "--file", &reg]),
    );
    let start = t.wait_for("the overview", overview);
    assert!(
        start.last_text_line().ends_with("只读"),
        "the status line says read-only: {:?}",
        start.last_text_line()
    );
    t.keys(&["2", "Enter", "Enter"]);
    t.wait_for("task 1's detail", task_1_detail);
    let reason = "只读模式(--read-only):不能修改";
    for key in ["s", "]", "[", "n", "p", "d", "u", "r"] {
        // Down (the next link) clears the last message, so each key's own shows.
        t.keys(&["Down"]);
        t.wait_for(&format!("no message before {key}"), |s| {
            task_1_detail(s) && !s.last_text_line().contains(reason)
        });
        t.keys(&[key]);
        let s = t.wait_for(&format!("the read-only reason after {key}"), |s| {
            s.last_text_line().contains(reason)
        });
        assert!(
            task_1_detail(&s) && s.has("│◌ 未启动 进度") && !s.has("┌ 状态") && !s.has("进展备注"),
            "{key}: no picker or input opens, nothing changes:\n{}",
            s.dump()
        );
    }
    // The picker's keys and typed text do nothing either: 2 is the Sections tab.
    t.keys(&["s", "2"]);
    t.wait_for("the Sections tab", |s| {
        s.has("任务 · (一)") && !s.has("全文")
    });
    t.type_text("abc已召开");
    t.keys(&["1"]);
    t.wait_for("the overview again", overview);
    assert_eq!(
        std::fs::read(&reg).expect("read the registry"),
        before,
        "the file's bytes are unchanged"
    );
}

/// Esc and a key typed quickly arrive together, as Alt+key (over SSH, and from
/// tmux's send-keys): the key map reads that as Back, then the key. The status picker
/// should too.
#[test]
fn esc_and_a_key_at_once_close_the_picker() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    t.spawn(
        80,
        24,
        &app_as(&t, "liwei", "zh_CN.UTF-8", &["--file", &reg]),
    );
    t.wait_for("the overview", overview);
    t.keys(&["2", "Enter", "Enter"]);
    t.wait_for("task 1's detail", task_1_detail);
    t.keys(&["s"]);
    t.wait_for("the status picker", |s| s.has("状态 · 任务 1"));
    t.keys(&["Escape", "?"]);
    t.wait_for("the picker closed, help open", |s| {
        !s.has("状态 · 任务 1") && s.has("┌ 按键")
    });
}

/// Issue 11, items 19 and 20, through a real terminal: the picker takes 推 as an
/// input method sends it (a plain character), the due-date input takes
/// `２０２５年６月３０日` and stores 2025-06-30, and `0000-01-01` is refused with its
/// reason in Chinese.
#[test]
fn chinese_typed_keys_and_dates_reach_the_dashboard() {
    need_tmux!();
    let t = Tmux::new();
    let reg = t.registry_copy();
    t.spawn(
        80,
        24,
        &app_as(&t, "liwei", "zh_CN.UTF-8", &["--file", &reg]),
    );
    t.wait_for("the overview", |s| s.has("概览"));
    t.keys(&["2", "Enter", "Enter"]);
    t.wait_for("task 1's detail", task_1_detail);
    t.keys(&["s"]);
    t.wait_for("the picker with its Chinese keys", |s| {
        s.has("1-5 或 未 推 完 滞 受")
    });
    t.type_text("推");
    t.wait_for("the status saved", |s| s.has("未启动 → 推进中"));
    t.keys(&["d", "C-u"]);
    t.type_text("２０２５年６月３０日");
    t.keys(&["Enter"]);
    t.wait_for("the due date saved", |s| s.has("截止 2025-06-30"));
    assert_eq!(task_1(&reg)["status"], "in_progress");
    assert_eq!(task_1(&reg)["due"], "2025-06-30");
    t.keys(&["d", "C-u"]);
    t.type_text("0000-01-01");
    t.keys(&["Enter"]);
    t.wait_for("the reason under the input", |s| {
        s.has("年份应在 2000 到 2100 之间")
    });
    assert_eq!(task_1(&reg)["due"], "2025-06-30");
}
