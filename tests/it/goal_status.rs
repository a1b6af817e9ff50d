//! A goal's status is set by hand; when its tasks say otherwise (已完成 with 0 of 9
//! tasks done), the dashboard, `dubang set` and `dubang summary` say so (issue 11, item 13).

use crate::common;
use crate::edit_common::{fixture, run, set_cmd};
use crate::tui_editing::{app_on, key, perform, press, temp_registry};
use crossterm::event::KeyCode;
use dubang::lang::Lang;
use dubang::registry::Status;
use dubang::tui::app::{Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
fn a_goal_marked_done_with_open_tasks_is_flagged_in_the_dashboard() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    a.lang = Lang::Zh;
    a.update(Command::GoTab(Tab::Goals));
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('3'))])
        .expect("the picker's 3 sets 已完成 and saves");
    perform(&mut a, eff);
    assert_eq!(a.reg.goals[0].status, Status::Done);
    let total = a.ix.goal_rollup(0).total();
    let msg = a.message.clone().unwrap();
    assert!(
        msg.contains(&format!("⚠ 标为已完成,但 {total} 项任务只完成了 0 项")),
        "{msg}"
    );
    for (w, h) in [(80, 24), (200, 60)] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(f, &a, &Theme::dark())).unwrap();
        let rows = common::buffer_rows(t.backend().buffer());
        let screen = rows.join("\n");
        assert!(
            screen.contains("⚠ 标为已完成"),
            "the panel says it:\n{screen}"
        );
        assert!(
            screen.contains("状态 未启动 → 已完成") && !screen.contains("status"),
            "the last change in the reader's words:\n{screen}"
        );
        assert!(
            rows.iter()
                .any(|r| r.contains("▸⚠ ") || r.contains("▸ ⚠ ") || r.contains("│⚠ ")),
            "the goal's row is marked:\n{screen}"
        );
    }
    // Back to 推进中: nothing to say.
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('2'))]).unwrap();
    perform(&mut a, eff);
    assert!(!a.message.clone().unwrap().contains('⚠'), "{:?}", a.message);
}

#[test]
fn set_and_summary_say_when_a_goal_disagrees_with_its_tasks() {
    let (_d, file) = fixture();
    let out = run({
        let mut c = set_cmd(&file, &["g2025", "done"]);
        c.args(["--lang", "zh"]);
        c
    });
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[1].starts_with("注意:目标 g2025 标为已完成,但 ")
            && lines[1].ends_with("只完成了 0 项"),
        "{stdout}"
    );
    let en = run(set_cmd(&file, &["g2035", "not_started", "--lang", "en"]));
    assert!(String::from_utf8(en.stdout).unwrap().lines().count() == 1);
    let summary = std::process::Command::new(crate::edit_common::BIN)
        .args(["summary", "--file"])
        .arg(&file)
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(summary.stdout).unwrap();
    assert!(text.contains("    ⚠ 标为已完成,但 "), "{text}");
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
}
