//! The dashboard's edits under the domain's rules (issue 11, items 1–3): an undo
//! never overwrites a colleague's later change, status and progress agree after
//! every key, a compound change is one undo step, quick changes are one history
//! entry, and undos are marked in the history as the detail shows it.

use crate::common::people::recorded_as;
use crate::edit_common::BIN;
use crate::tui_editing::{app_on, at_task_12, key, perform, press, temp_registry};
use crossterm::event::KeyCode;
use dubang::lang::Lang;
use dubang::registry::{Status, changes_between};
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use std::path::Path;

/// Task 1 selected on the Sections tab.
fn at_task_1(a: &mut App) {
    a.update(Command::GoTab(Tab::Sections));
    a.update(Command::Open);
}

/// What the runner does when the file changed under the dashboard.
fn reload(a: &mut App, file: &Path) {
    let reg = store::load(file).unwrap();
    let changes = changes_between(&a.reg, &reg);
    a.reloaded(reg, &changes);
}

/// A colleague's `dubang set` in another process, as user `wangfang` (see common::people).
fn colleague_sets(file: &Path, args: &[&str]) {
    let out = std::process::Command::new(BIN)
        .arg("set")
        .args(args)
        .arg("--file")
        .arg(file)
        .env_remove("DUBANG_FILE")
        .env("SUDO_USER", "wangfang")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn undo_refuses_to_overwrite_a_colleagues_later_change() {
    for lang in [Lang::En, Lang::Zh] {
        let (_d, file) = temp_registry();
        let mut a = app_on(file.clone());
        a.lang = lang;
        at_task_1(&mut a);
        let eff = press(&mut a, &[key(KeyCode::Char(']'))]).unwrap();
        perform(&mut a, eff);
        assert_eq!(a.reg.task("t1").unwrap().status, Status::InProgress);
        // Another user, another process: 受阻. The dashboard reloads.
        colleague_sets(&file, &["1", "blocked"]);
        reload(&mut a, &file);
        let before = std::fs::read(&file).unwrap();
        assert!(
            press(&mut a, &[key(KeyCode::Char('u'))]).is_none(),
            "no save"
        );
        let msg = a.message.clone().unwrap();
        let wangfang = recorded_as("wangfang");
        assert!(msg.contains(&wangfang), "{msg}");
        match lang {
            Lang::En => assert!(
                msg.starts_with(&format!(
                    "not undone: the status was changed to blocked by {wangfang} at "
                )),
                "{msg}"
            ),
            Lang::Zh => assert!(
                msg.starts_with(&format!("未撤销:状态已被 {wangfang} 于 "))
                    && msg.contains("改为 受阻"),
                "{msg}"
            ),
        }
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "the file is untouched"
        );
        assert_eq!(
            store::load(&file).unwrap().task("t1").unwrap().status,
            Status::Blocked
        );
    }
}

#[test]
fn an_undo_that_races_a_colleague_is_refused_by_the_save_too() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_1(&mut a);
    let eff = press(&mut a, &[key(KeyCode::Char(']'))]).unwrap();
    perform(&mut a, eff);
    // The colleague saves after the dashboard's last look at the file.
    let eff = press(&mut a, &[key(KeyCode::Char('u'))]).expect("looks undoable");
    colleague_sets(&file, &["1", "blocked"]);
    perform(&mut a, eff);
    assert_eq!(
        store::load(&file).unwrap().task("t1").unwrap().status,
        Status::Blocked
    );
    assert!(a.pending.is_empty(), "a refused undo is not kept for retry");
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains(&recorded_as("wangfang")),
        "{:?}",
        a.message
    );
}

#[test]
fn cycling_and_progress_keep_status_and_progress_in_step() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    for _ in 0..5 {
        let eff = press(&mut a, &[key(KeyCode::Char(']'))]).unwrap();
        perform(&mut a, eff);
        let t = a.reg.task("t12").unwrap();
        assert_eq!(t.status == Status::Done, t.progress == 100, "{t:?}");
        assert!(t.status != Status::NotStarted || t.progress == 0, "{t:?}");
    }
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!((t.status, t.progress), (Status::NotStarted, 0));
    // p 60 on an 未启动 task: 推进中 60 %, the status line names the status change.
    press(&mut a, &[key(KeyCode::Char('p'))]);
    let dubang::tui::edit::Mode::Input(state) = &mut a.mode else {
        panic!("progress input")
    };
    state.input = tui_input::Input::new("60".into());
    let eff = press(&mut a, &[key(KeyCode::Enter)]).unwrap();
    perform(&mut a, eff);
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!((t.status, t.progress), (Status::InProgress, 60));
    let msg = a.message.clone().unwrap();
    assert!(
        msg.starts_with("task 12: not started → in progress, 0% → 60%"),
        "{msg}"
    );
    // One undo takes both back.
    let eff = press(&mut a, &[key(KeyCode::Char('u'))]).unwrap();
    perform(&mut a, eff);
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!((t.status, t.progress), (Status::NotStarted, 0));
}

#[test]
fn quick_cycling_is_one_history_entry_and_undos_are_marked() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    // Four presses within a few seconds (the test's clock stands still).
    for _ in 0..4 {
        let eff = press(&mut a, &[key(KeyCode::Char(']'))]).unwrap();
        perform(&mut a, eff);
    }
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!(t.status, Status::Blocked);
    assert_eq!(t.history.len(), 1, "{:?}", t.history);
    assert_eq!(
        (t.history[0].from.clone(), t.history[0].to.clone()),
        (Some("not_started".into()), Some("blocked".into()))
    );
    // The last press undone: its own entry, marked, and shown so in the detail.
    let eff = press(&mut a, &[key(KeyCode::Char('u'))]).unwrap();
    perform(&mut a, eff);
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!(t.status, Status::Delayed);
    assert_eq!(t.history.len(), 2);
    assert!(t.history[1].undo && !t.history[0].undo);
    for (lang, word) in [
        (Lang::En, "liwei undo status blocked → delayed"),
        (Lang::Zh, "liwei 撤销 状态 受阻 → 滞后"),
    ] {
        a.lang = lang;
        a.update(Command::Open);
        let screen = crate::common::buffer_rows(&render(&a)).join("\n");
        assert!(screen.contains(word), "{screen}");
        a.update(Command::Back);
    }
}

fn render(a: &App) -> ratatui::buffer::Buffer {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 40)).unwrap();
    t.draw(|f| dubang::tui::view::draw(f, a, &dubang::tui::theme::Theme::dark()))
        .unwrap();
    t.backend().buffer().clone()
}
