//! The dashboard's activity view (`A`) and the Overview's latest updates: every edit
//! newest first with 姓名（单位） from the people list, Enter opens the edit's task and
//! Esc comes back; drawn at 80×24 and 160×48 in both languages with every row exactly
//! as wide as the terminal.

use crate::common;
use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::registry::{HistoryEntry, Person};
use dubang::store;
use dubang::text::width;
use dubang::tui::app::App;
use dubang::tui::edit::Mode;
use dubang::tui::theme::Theme;
use dubang::tui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

fn app(lang: Lang) -> App {
    let mut reg =
        store::parse_bytes(Path::new("registry.json"), store::BUNDLED.as_bytes()).unwrap();
    let entry =
        |at: &str, by: &str, field: &str, to: serde_json::Value, note: Option<&str>| HistoryEntry {
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            by: by.into(),
            field: field.into(),
            from: None,
            to: Some(to),
            note: note.map(str::to_string),
            source: None,
            undo: false,
        };
    let t = |n: u32| reg.tasks.iter().position(|t| t.number == n).unwrap();
    let (t1, t8) = (t(1), t(8));
    reg.tasks[t1].history = vec![
        entry(
            "2026-11-20T09:00:00+08:00",
            "wangli",
            "status",
            "in_progress".into(),
            Some("已开工"),
        ),
        entry(
            "2026-11-27T16:30:00+08:00",
            "liwei",
            "progress",
            40.into(),
            None,
        ),
    ];
    reg.tasks[t8].history = vec![entry(
        "2026-11-25T11:00:00+08:00",
        "wangli",
        "due",
        "2026-06-30".into(),
        None,
    )];
    reg.people = vec![Person {
        login: "wangli".into(),
        name: "王丽".into(),
        unit: Some("u8".into()),
        phone: None,
    }];
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    App::new(reg, PathBuf::from("/srv/dubang/registry.json"), lang, now)
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app, &Theme::dark())).unwrap();
    let rows = common::buffer_rows(t.backend().buffer());
    for (y, r) in rows.iter().enumerate() {
        assert_eq!(width(r), w as usize, "row {y}: {r:?}");
    }
    rows.join("\n")
}

fn key(app: &mut App, c: KeyCode) {
    app.handle(&Event::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

#[test]
fn a_lists_edits_newest_first_and_enter_opens_the_task_esc_comes_back() {
    let mut a = app(Lang::Zh);
    key(&mut a, KeyCode::Char('A'));
    assert!(matches!(a.mode, Mode::Activity(_)));
    let screen = render(&a, 80, 24);
    let liwei = screen.find("liwei").expect(&screen);
    let wangli = screen.find("王丽（市水务局）").expect(&screen);
    assert!(liwei < wangli, "newest first:\n{screen}");
    // The second edit is task 8's due date.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert!(matches!(a.mode, Mode::Normal));
    let t8 = a.reg.tasks.iter().position(|t| t.number == 8).unwrap();
    assert_eq!(a.view().detail.map(|d| d.task), Some(t8));
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.view().detail, None);
    // Esc closes the view without going anywhere.
    key(&mut a, KeyCode::Char('A'));
    key(&mut a, KeyCode::Esc);
    assert!(matches!(a.mode, Mode::Normal));
}

#[test]
fn the_view_and_the_overviews_last_changes_draw_in_both_languages() {
    let mut shots = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        let mut a = app(lang);
        shots.push(render(&a, 160, 48));
        key(&mut a, KeyCode::Char('A'));
        shots.push(render(&a, 80, 24));
    }
    // The Overview's latest updates name people as the people list does, and the
    // key of the activity view.
    let recent = dubang::words::screen::of(Lang::Zh).lists.recent_updates;
    assert!(shots[0].contains(&format!("{recent} (A)")), "{}", shots[0]);
    assert!(shots[0].contains("王丽（市水务局）"), "{}", shots[0]);
    insta::assert_snapshot!(shots.join("\n\n"));
}

#[test]
fn a_long_activity_list_pages_and_keeps_the_selection_in_view() {
    let mut a = app(Lang::Zh);
    a.resize(80, 24);
    let t2 = a.reg.tasks.iter().position(|t| t.number == 2).unwrap();
    let at = DateTime::parse_from_rfc3339("2026-11-27T18:00:00+08:00").unwrap();
    a.reg.write().tasks[t2].history = (0..40)
        .map(|i| HistoryEntry {
            at: at + chrono::Duration::minutes(i),
            by: "liwei".into(),
            field: "note".into(),
            from: None,
            to: None,
            note: Some(format!("第{i}次")),
            source: None,
            undo: false,
        })
        .collect();
    key(&mut a, KeyCode::Char('A'));
    let first = render(&a, 80, 24);
    assert!(
        first.contains("2026-11-27 18:39") && !first.contains("2026-11-20"),
        "{first}"
    );
    // The oldest edit is at the end: End brings it into view.
    key(&mut a, KeyCode::End);
    let last = render(&a, 80, 24);
    assert!(
        last.contains("2026-11-20") && !last.contains("2026-11-27 18:39"),
        "{last}"
    );
    assert!(last.contains("43/43"), "{last}");
    // A page up from there moves by a page, not to the top.
    key(&mut a, KeyCode::PageUp);
    let up = render(&a, 80, 24);
    assert!(!up.contains("43/43") && !up.contains(" 1/43"), "{up}");
}
