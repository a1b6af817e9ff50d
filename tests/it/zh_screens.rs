//! A Chinese dashboard shows no English word: every screen and overlay (each tab,
//! a task's and a goal's detail, help, the picker, the inputs, the search popup,
//! the export dialog, the problem list and each presentation slide) drawn in
//! Chinese at 80×24 with the bundled plan, and read for runs of three or more
//! ASCII letters. Key names in hints, file names, paths, export formats and what
//! the reader types are not words.

use crate::common;
use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::present::slides;
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

/// Key names as hints and help write them: the reader presses them, not reads them.
const KEY_NAMES: &[&str] = &[
    "Esc",
    "Enter",
    "Tab",
    "Shift",
    "Ctrl",
    "Alt",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Space",
    "Backspace",
    "Delete",
    "Del",
    "Insert",
];

/// Not words either: the program's name (as `退出 dubang`), the export formats, and
/// what the reader types — the date pattern, `none` to clear a date, the search
/// popup's pinyin examples and this test's own queries, echoed back.
const TOKENS: &[&str] = &[
    "dubang", "xlsx", "csv", "docx", "json", "YYYY", "none", "swj", "wushui", "jiaji", "zzzzqx",
];

fn app() -> App {
    let reg = store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(
        reg,
        PathBuf::from("/srv/dubang/registry.json"),
        Lang::Zh,
        now,
    )
}

fn render(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| draw(f, app, &Theme::dark())).unwrap();
    common::buffer_rows(t.backend().buffer()).join("\n")
}

/// Runs of three or more ASCII letters that are not a key name, nor part of a
/// file name or path (a token with `/` or `.` in it).
fn english(screen: &str) -> Vec<String> {
    screen
        .split(|c: char| !(c.is_ascii_alphanumeric() || "/._-".contains(c)))
        .filter(|tok| !tok.contains('/') && !tok.contains('.'))
        .flat_map(|tok| tok.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= 3 && !KEY_NAMES.contains(w) && !TOKENS.contains(w))
        .map(str::to_string)
        .collect()
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// How to get to a screen from the start.
type Reach = Box<dyn Fn(&mut App)>;

/// (name, how to get there) of every screen and overlay.
fn screens() -> Vec<(&'static str, Reach)> {
    use Command::*;
    let cmds = |cs: Vec<Command>| -> Reach {
        Box::new(move |a: &mut App| {
            for &c in &cs {
                a.update(c);
            }
        })
    };
    let task = || vec![GoTab(Tab::Sections), Down, Open, Down];
    let with = |mut cs: Vec<Command>, more: &[Command]| {
        cs.extend_from_slice(more);
        cs
    };
    let mut out: Vec<(&'static str, Reach)> = vec![
        ("overview", cmds(vec![])),
        ("sections", cmds(vec![GoTab(Tab::Sections)])),
        ("section_tasks", cmds(task())),
        ("units", cmds(vec![GoTab(Tab::Units), Down, Open])),
        ("towns", cmds(vec![GoTab(Tab::Towns), Open])),
        ("goals", cmds(vec![GoTab(Tab::Goals)])),
        ("goal", cmds(vec![GoTab(Tab::Goals), Open])),
        ("task_detail", cmds(with(task(), &[Open]))),
        ("help", cmds(vec![Help])),
        ("help_end", cmds(vec![Help, Bottom])),
        ("picker", cmds(with(task(), &[Status]))),
        ("note", cmds(with(task(), &[Note]))),
        ("progress", cmds(with(task(), &[Progress]))),
        ("due", cmds(with(task(), &[Due]))),
        ("write_as", cmds(vec![WriteAs])),
        ("filter", cmds(with(task(), &[Filter]))),
        (
            "filters_and_sort",
            cmds(with(task(), &[StatusFilter, PastDue, Stale, Mine, Sort])),
        ),
        ("search_empty", cmds(vec![Search])),
        ("problems", cmds(vec![Problems, Down])),
        ("problems_export", cmds(vec![Problems, Export])),
        ("export", cmds(vec![GoTab(Tab::Units), Down, Open, Export])),
        // Messages on the status line.
        ("nothing_to_undo", cmds(vec![Undo])),
        ("nothing_to_save", cmds(vec![Retry])),
        ("nothing_to_filter", cmds(vec![Filter])),
        ("select_a_task", cmds(vec![Note])),
        ("filters_cleared", cmds(with(task(), &[PastDue, Back]))),
        ("message_log", cmds(with(task(), &[Undo, Retry, Sort, Log]))),
        ("measures", cmds(vec![Measures])),
        ("measures_end", cmds(vec![Measures, Bottom])),
        (
            "goal_read_down",
            cmds(vec![GoTab(Tab::Goals), PageDown, PageDown]),
        ),
    ];
    out.push((
        "search_hits",
        Box::new(|a: &mut App| {
            a.update(Command::Search);
            typed(a, "swj");
        }),
    ));
    out.push((
        "search_no_match",
        Box::new(|a: &mut App| {
            a.update(Command::Search);
            typed(a, "zzzzqx");
        }),
    ));
    out.push((
        "due_error",
        Box::new(move |a: &mut App| {
            for c in [GoTab(Tab::Sections), Down, Open, Down, Due] {
                a.update(c);
            }
            typed(a, "2026-13-01");
            key(a, KeyCode::Enter);
        }),
    ));
    out.push((
        "filter_typed",
        Box::new(move |a: &mut App| {
            for c in [GoTab(Tab::Sections), Down, Open, Down, Filter] {
                a.update(c);
            }
            typed(a, "wushui");
        }),
    ));
    // Quitting with an edit the file has not taken: the dialog, then its
    // confirmation; and an undo done, in the task's history.
    for (name, confirm) in [("quit_unsaved", false), ("quit_discard", true)] {
        out.push((
            name,
            Box::new(move |a: &mut App| {
                a.pending.push(dubang::registry::Edit {
                    target: dubang::registry::EditTarget::Task("t12".into()),
                    op: dubang::registry::Op::SetStatus {
                        to: dubang::registry::Status::InProgress,
                    },
                    note: None,
                    by: "liwei".into(),
                    at: a.now,
                });
                a.update(Quit);
                if confirm {
                    typed(a, "d");
                }
            }),
        ));
    }
    out.push((
        "undo_in_history",
        Box::new(move |a: &mut App| {
            let now = a.now;
            let t = a
                .reg
                .write()
                .tasks
                .iter_mut()
                .find(|t| t.id == "t12")
                .unwrap();
            t.history.push(dubang::registry::HistoryEntry {
                at: now,
                // A login name is data, not a word: a Chinese one here.
                by: "李伟".into(),
                field: "status".into(),
                from: Some("in_progress".into()),
                to: Some("not_started".into()),
                note: None,
                source: None,
                undo: true,
            });
            for c in [GoTab(Tab::Sections), Down, Open, Down, Down, Open] {
                a.update(c);
            }
        }),
    ));
    out
}

#[test]
fn a_chinese_dashboard_shows_no_english_word() {
    let mut found = Vec::new();
    for (name, reach) in screens() {
        let mut a = app();
        reach(&mut a);
        let words = english(&render(&a));
        if !words.is_empty() {
            found.push(format!("{name}: {words:?}"));
        }
    }
    let mut a = app();
    a.start_presenting(true);
    for no in 0..slides(&a).len() {
        a.present.as_mut().unwrap().slide = no;
        let words = english(&render(&a));
        if !words.is_empty() {
            found.push(format!("slide {no}: {words:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "English on Chinese screens:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_english_word_finder_finds_words_and_passes_keys_and_paths() {
    assert_eq!(
        english("Esc 关闭  PgUp 翻页  /srv/dubang/registry.json  督办台账-2026.xlsx"),
        Vec::<String>::new()
    );
    assert_eq!(english("已保存 3 changes by liwei"), ["changes", "liwei"]);
}
