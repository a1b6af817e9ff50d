//! What the lists say at 80×24 and 200×60 (issue 11, items 9, 10 and 12): labelled
//! counters, the task list's extra columns with a header, the Overview's digest.

use crate::common;

use chrono::DateTime;
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

fn app() -> App {
    let reg = store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("registry.json"), Lang::Zh, now)
}

fn screen(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, &Theme::dark())).unwrap();
    common::buffer_rows(t.backend().buffer())
}

fn row<'a>(rows: &'a [String], has: &str) -> &'a str {
    rows.iter()
        .find(|r| r.contains(has))
        .unwrap_or_else(|| panic!("no row with {has:?}:\n{}", rows.join("\n")))
}

#[test]
fn unit_and_town_counters_are_labelled_not_fractions() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Units));
    for (w, h) in [(80, 24), (200, 60)] {
        let rows = screen(&a, w, h);
        let r = row(&rows, "市发改委 ");
        assert!(r.contains("牵头  3 责任  2 完成  0/5"), "{r}");
        assert!(!r.contains(" 3/ 2"), "{r}");
    }
    a.update(Command::GoTab(Tab::Towns));
    let rows = screen(&a, 80, 24);
    let r = row(&rows, "嘉积镇");
    assert!(r.contains("明确  2 各镇 13 提及  2 完成  0/17"), "{r}");
}

#[test]
fn wide_task_lists_show_due_progress_update_and_latest_note() {
    let mut a = app();
    a.update(Command::GoTab(Tab::Sections));
    let rows = screen(&a, 200, 60);
    let head = row(&rows, "序号 任务");
    for col in ["状态", "牵头单位", "截止", "进度", "更新", "最新进展"] {
        assert!(head.contains(col), "{col} missing: {head}");
    }
    // Task 1 has no date of its own: the 2025 goal's, past on 2026-11-28.
    let r = row(&rows, "   1 持续巩固拓展脱贫攻坚成果");
    assert!(r.contains("2025-12-31 逾期"), "{r}");
    assert!(r.contains("0%"), "{r}");
    // The columns line up under their headings, Chinese widths counted.
    let col_of = |s: &str, what: &str| dubang::text::width(&s[..s.find(what).unwrap()]);
    assert_eq!(col_of(head, "截止"), col_of(r, "2025-12-31"), "{head}\n{r}");
    // At 80 columns the due date still fits, with its heading.
    let rows = screen(&a, 80, 24);
    let head = row(&rows, "序号 任务");
    assert!(head.contains("截止"), "{head}");
    assert!(row(&rows, "   1 持续").contains("2025-12-31 逾期"));
}

#[test]
fn a_tall_overview_shows_attention_updates_and_measures() {
    let a = app();
    let rows = screen(&a, 200, 60).join("\n");
    for want in [
        "┌ 问题清单(共",
        "[红]   4 ",
        "最近更新",
        "保障措施",
        "(一) 强化组织领导",
        "(三) 强化跟踪问效",
    ] {
        assert!(rows.contains(want), "{want} missing:\n{rows}");
    }
    // 80×24 has no rows to spare: the sections keep them, and the Overview
    // names the key that shows the measures in full.
    let rows = screen(&a, 80, 24).join("\n");
    assert!(!rows.contains("强化组织领导"), "{rows}");
    assert!(rows.contains("B 保障措施(3项)"), "{rows}");
}

/// The plan's tasks numbered 99 971 to 99 998, as at the end of a generated
/// 100 000-task file.
fn five_digit_app() -> App {
    let mut reg =
        store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    for t in &mut reg.tasks {
        t.number += 99_970;
    }
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("registry.json"), Lang::Zh, now)
}

#[test]
fn five_digit_task_numbers_are_shown_whole_and_the_row_still_fits() {
    // Before, the number column was three wide: the problem list cut 99971 to
    // `999…`, and a town's list pushed the row past its width, cutting 逾期 to 逾.
    let mut a = five_digit_app();
    a.update(Command::GoTab(Tab::Towns));
    a.update(Command::Open);
    for (w, h) in [(80, 24), (200, 60)] {
        let rows = screen(&a, w, h);
        let r = row(&rows, "99971 ");
        assert!(r.contains("持续巩固拓展脱贫攻坚成果"), "{r}");
        assert!(r.contains("2025-12-31 逾期"), "{r}");
        let head = row(&rows, "序号");
        // The header's columns stand over the rows' columns.
        let col = |line: &str, s: &str| common::cells(&line[..line.find(s).unwrap()]).len();
        assert_eq!(col(head, "截止"), col(r, "2025-12-31"), "{head}\n{r}");
    }
    let mut a = five_digit_app();
    a.update(Command::Problems);
    for (w, h) in [(80, 24), (200, 60)] {
        let rows = screen(&a, w, h);
        let r = row(&rows, "[红]");
        assert!(
            ["99971", "99972", "99973", "99974"]
                .iter()
                .any(|n| r.contains(&format!(" {n} "))),
            "{r}"
        );
        assert!(
            !rows.iter().any(|r| r.contains("999…")),
            "{}",
            rows.join("\n")
        );
    }
}

#[test]
fn counters_of_thousands_stay_apart_and_in_line() {
    // 3 000 tasks: a unit leads hundreds, 各镇(区) counts thousands. Before, the
    // counters were three wide: `牵头1071` ran into its label and the columns
    // after it moved from row to row.
    let mut reg =
        store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let base = reg.tasks.clone();
    reg.tasks = (0..3000)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.id = format!("t{}", i + 1);
            t.number = i as u32 + 1;
            t
        })
        .collect();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, PathBuf::from("registry.json"), Lang::Zh, now);
    for (tab, label) in [(Tab::Units, "牵头"), (Tab::Towns, "各镇")] {
        a.update(Command::GoTab(tab));
        for (w, h) in [(80, 24), (200, 60)] {
            let rows = screen(&a, w, h);
            let counted: Vec<&String> = rows
                .iter()
                .filter(|r| r.contains(label) && r.contains("完成"))
                .collect();
            assert!(counted.len() > 3, "{}", rows.join("\n"));
            let col = |r: &str, s: &str| common::cells(&r[..r.find(s).unwrap()]).len();
            for r in &counted {
                let after = &r[r.find(label).unwrap() + label.len()..];
                assert!(after.starts_with(' '), "{label} runs into its count: {r}");
                assert_eq!(
                    col(r, "完成"),
                    col(counted[0], "完成"),
                    "{r}\n{}",
                    counted[0]
                );
            }
        }
    }
}
