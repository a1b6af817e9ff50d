//! The dashboard as a whole, through [`App::handle`]: the key map's contexts, and
//! the words a Chinese screen shows for the domain's messages.

use super::app::App;
use super::edit::{Effect, Mode};
use super::keys::KeyMap;
use crate::lang::Lang;
use crate::registry::{Changes, EditError};
use crate::store::{BUNDLED, SaveError, parse_bytes};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

/// The bundled plan on 2026-11-28 with these settings (shared by the state tests
/// beside the screens).
pub(super) fn app(lang: Lang, settings: &str) -> App {
    let reg = parse_bytes(Path::new("bundled"), BUNDLED.as_bytes()).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut app = App::new(reg, PathBuf::from("/tmp/registry.json"), lang, now);
    let (s, problems) = crate::settings::parse(Path::new("c.toml"), settings);
    assert!(problems.is_empty(), "{problems:?}");
    let (keys, problems) = KeyMap::from_bindings(&s.bindings, Path::new("c.toml"));
    assert!(problems.is_empty(), "{problems:?}");
    app.keys = keys;
    // The size `screen` draws at: pages and scrolling follow it.
    app.resize(100, 30);
    app
}

pub(super) fn press(app: &mut App, code: KeyCode) -> Option<Effect> {
    app.handle(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
        .1
}

pub(super) fn typed(app: &mut App, s: &str) -> Option<Effect> {
    let mut effect = None;
    for c in s.chars() {
        effect = press(app, KeyCode::Char(c)).or(effect);
    }
    effect
}

fn screen(app: &App) -> String {
    screen_sized(app, 100, 30)
}

pub(super) fn screen_sized(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = super::theme::Theme::dark();
    t.draw(|f| super::view::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    buf.content
        .chunks(buf.area.width as usize)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>() + "\n")
        .collect()
}

const REBOUND: &str =
    "[keys]\nquit = \"X\"\ndown = [\"J\", \"Down\"]\n[keys.picker]\nconfirm = \"y\"\n";

#[test]
fn rebound_keys_work_in_the_picker_and_its_hints_say_so() {
    let mut app = app(Lang::En, REBOUND);
    // Sections tab, its first section's tasks, the status picker.
    assert!(typed(&mut app, "2").is_none());
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "s");
    assert!(matches!(app.mode, Mode::StatusPicker(ref p) if p.sel == 0));
    let shown = screen(&app);
    assert!(shown.contains("y picks"), "{shown}");
    assert!(shown.contains("↑J y  Esc cancels"), "{shown}");
    assert!(!shown.contains("Enter picks"), "{shown}");
    // J moves down, j does not; Enter no longer confirms, y does.
    typed(&mut app, "J");
    assert!(matches!(app.mode, Mode::StatusPicker(ref p) if p.sel == 1));
    typed(&mut app, "j");
    assert!(matches!(app.mode, Mode::StatusPicker(ref p) if p.sel == 1));
    assert!(press(&mut app, KeyCode::Enter).is_none());
    let effect = typed(&mut app, "y");
    assert!(matches!(effect, Some(Effect::Save { .. })), "{effect:?}");
    assert!(matches!(app.mode, Mode::Normal));
    // X quits the main screen, q does nothing.
    typed(&mut app, "q");
    assert!(!app.quit);
    typed(&mut app, "X");
    assert!(app.quit);
}

#[test]
fn rebound_keys_work_in_presentation_mode() {
    let mut app = app(Lang::En, REBOUND);
    typed(&mut app, "P");
    assert_eq!(app.present.map(|p| p.slide), Some(0));
    typed(&mut app, "J");
    assert_eq!(app.present.map(|p| p.slide), Some(1));
    typed(&mut app, "j");
    assert_eq!(app.present.map(|p| p.slide), Some(1));
    typed(&mut app, "q");
    assert!(app.present.is_some());
    typed(&mut app, "X");
    assert!(app.present.is_none() && !app.quit);
    // The help closes with the quit key in force too.
    typed(&mut app, "?");
    assert!(app.showing_help());
    typed(&mut app, "q");
    assert!(app.showing_help());
    typed(&mut app, "X");
    assert!(!app.showing_help() && !app.quit);
}

#[test]
fn a_chinese_screen_says_the_domains_messages_in_chinese() {
    let english = |s: &str| crate::words::tests::english_words(s, crate::words::tests::ALLOWED);
    let mut app = app(Lang::Zh, "");
    typed(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    // A bad date stays in the input with the reason in Chinese.
    typed(&mut app, "d");
    typed(&mut app, "2026-13-01");
    assert!(press(&mut app, KeyCode::Enter).is_none());
    let Mode::Input(state) = &app.mode else {
        panic!("the input stays open")
    };
    let error = state.error.clone().unwrap_or_default();
    assert!(error.contains("2026-13-01"), "{error}");
    assert!(english(&error).is_empty(), "{error} {:?}", english(&error));
    assert!(screen(&app).contains("YYYY-MM-DD"));
    press(&mut app, KeyCode::Esc);
    // A failed save.
    let Some(Effect::Save { edits, .. }) = typed(&mut app, "]") else {
        panic!("] saves")
    };
    let file = PathBuf::from("/tmp/registry.json");
    for e in [
        SaveError::DiskFull { file: file.clone() },
        SaveError::ReadOnly { file: file.clone() },
        SaveError::Edit {
            file: file.clone(),
            error: EditError::UnknownTask("t99".into()),
        },
    ] {
        app.save_failed(edits.clone(), &e);
        let said = app.message.clone().unwrap_or_default();
        assert!(
            said.contains("未保存") || said.contains("没有任务"),
            "{said}"
        );
        assert!(english(&said).is_empty(), "{said}");
    }
    // A reload with a colleague's changes.
    let reg = (*app.reg).clone();
    app.reloaded(
        reg,
        &Changes {
            count: 3,
            by: vec!["liwei".into()],
            unrecorded: 0,
        },
    );
    let said = app.message.clone().unwrap_or_default();
    assert_eq!(said, "已重新载入:liwei 的 3 处修改");
}

#[test]
fn a_tasks_oldest_history_can_be_scrolled_into_view() {
    let mut app = app(Lang::En, "");
    let at = app.now;
    let t = app
        .reg
        .tasks
        .iter()
        .position(|t| t.number == 1)
        .expect("task 1");
    for i in 0..40 {
        app.reg.write().tasks[t]
            .history
            .push(crate::registry::HistoryEntry {
                at,
                by: "liwei".into(),
                field: "note".into(),
                from: None,
                to: None,
                note: Some(format!("progress note number {i}")),
                source: None,
                undo: false,
            });
    }
    // Sections, the first section's tasks, task 1's detail.
    typed(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert!(app.view.detail.is_some());
    let first = screen(&app);
    assert!(!first.contains("number 0 "), "{first}");
    // End scrolls to the end of the text: the oldest note is there.
    press(&mut app, KeyCode::End);
    let last = screen(&app);
    assert!(last.contains("progress note number 0"), "{last}");
    // PgUp pages back up; ↓ brings the selected link back into view.
    press(&mut app, KeyCode::PageUp);
    assert!(!screen(&app).contains("progress note number 0"));
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.view.detail.map(|d| d.link), Some(1));
    // The selected link is in sight again, marked >…<.
    let shown = screen(&app);
    assert!(
        shown.lines().any(|l| l.contains('>') && l.contains('<')),
        "{shown}"
    );
}

#[test]
fn help_names_the_keys_in_force_in_the_picker_and_the_slides() {
    let mut app = app(Lang::En, "");
    typed(&mut app, "?");
    let shown = screen_sized(&app, 200, 60);
    assert!(
        shown.contains("change the status (picker: 1-5 or n p d l b)"),
        "{shown}"
    );
    assert!(
        shown.contains("(read-only; ←→ pages, Esc leaves)"),
        "{shown}"
    );
    let rebound = "[keys.picker]\nnot_started = \"0\"\n[keys.presentation]\nleave = \"z\"\n";
    let mut app = rebound_app(Lang::En, rebound);
    typed(&mut app, "?");
    let shown = screen_sized(&app, 200, 60);
    assert!(shown.contains("(picker: 0 2 3 4 5 or p d l b)"), "{shown}");
    assert!(shown.contains("(read-only; ←→ pages, z leaves)"), "{shown}");
}

#[test]
fn help_lists_every_popup_and_mode_with_the_keys_in_force() {
    let rebound =
        "[keys.export_dialog]\nconfirm = \"F5\"\n[keys.search_popup]\ndown = \"Ctrl-j\"\n";
    let mut app = rebound_app(Lang::Zh, rebound);
    typed(&mut app, "?");
    let rows = crate::tui::view::help_rows(&app);
    let row = |title: &str| rows.iter().position(|(_, d)| d == title);
    for title in [
        "【状态选择器】",
        "【搜索框】",
        "【导出对话框】",
        "【演示模式】",
    ] {
        assert!(row(title).is_some(), "no {title} in {rows:?}");
    }
    let export = row("【导出对话框】").unwrap();
    let confirm = rows[export..]
        .iter()
        .find(|(_, d)| d == "导出")
        .expect("the export dialog's confirm");
    assert_eq!(confirm.0, "F5", "the rebound key, not Enter");
    let search = row("【搜索框】").unwrap();
    assert!(
        rows[search..search + 5]
            .iter()
            .any(|(k, d)| k == "Ctrl-j" && d == "下一个结果"),
        "{rows:?}"
    );
}

/// [`app`], for tests whose own variable is called `app`.
fn rebound_app(lang: Lang, settings: &str) -> App {
    app(lang, settings)
}

#[test]
fn collected_history_shows_its_file_and_units_when_they_last_reported() {
    let mut app = app(Lang::Zh, "");
    let at = app.now;
    let t = app
        .reg
        .tasks
        .iter()
        .position(|t| t.number == 1)
        .expect("task 1");
    let lead = app.reg.name_of(&app.reg.tasks[t].lead[0]).to_string();
    app.reg.write().tasks[t]
        .history
        .push(crate::registry::HistoryEntry {
            at,
            by: format!("{lead}/王丽"),
            field: "note".into(),
            from: None,
            to: None,
            note: Some("已召开推进会".into()),
            source: Some("r.xlsx".into()),
            undo: false,
        });
    // Wide characters take two cells: compare without the blanks.
    let squashed = |app: &App| screen(app).replace(' ', "");
    typed(&mut app, "3");
    let units = squashed(&app);
    let row = units
        .lines()
        .find(|l| l.contains(&lead))
        .unwrap_or_else(|| panic!("{lead}: {units}"));
    assert!(row.contains("报11-28"), "{units}");
    assert_eq!(units.matches("报11-").count(), 1, "{units}");
    typed(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let detail = squashed(&app);
    assert!(detail.contains("来自r.xlsx"), "{detail}");
}

/// Issue 11, item 13: a done goal read "已完成 已完成" on the Overview and the Goals tab.
#[test]
fn a_done_goals_status_is_said_once() {
    let mut app = app(Lang::Zh, "");
    app.reg.write().goals[0].status = crate::registry::Status::Done;
    for keys in ["", "5"] {
        typed(&mut app, keys);
        let shown = screen_sized(&app, 120, 40);
        // The test screen shows a wide character's second cell as a space.
        let line = shown
            .lines()
            .find(|l| l.contains("截 止  2025-12-31"))
            .unwrap_or_else(|| panic!("no 2025 goal line:\n{shown}"));
        assert_eq!(line.matches("已 完 成").count(), 1, "{line}");
    }
}

#[test]
fn a_reload_names_people_by_name_and_unit_and_unknown_logins_as_they_are() {
    let mut app = app(Lang::Zh, "");
    let mut reg = (*app.reg).clone();
    reg.people = vec![crate::registry::Person {
        login: "wangli".into(),
        name: "王丽".into(),
        unit: Some("u8".into()),
        phone: None,
    }];
    app.reloaded(
        reg,
        &Changes {
            count: 2,
            by: vec!["wangli".into(), "root".into()],
            unrecorded: 0,
        },
    );
    let said = app.message.clone().unwrap_or_default();
    assert_eq!(said, "已重新载入:王丽（市水务局）、root 的 2 处修改");
}

/// A note whose save landed in the instant before an exit sealed the saves is in
/// the file and in the recovery file: offered again it is not added twice, and
/// the other recovered edits still are.
#[test]
fn a_recovered_note_already_in_the_file_is_not_added_twice() {
    use crate::registry::{Edit, EditTarget, Op};
    let mut app = app(Lang::Zh, "");
    let at = app.now;
    let note = |text: &str| Edit {
        target: EditTarget::Task(app.reg.tasks[0].id.clone()),
        op: Op::AddNote { text: text.into() },
        note: None,
        by: "wangli".into(),
        at,
    };
    let landed = note("已召开推进会");
    let lost = note("已报送材料");
    crate::registry::apply(app.reg.write(), &landed).unwrap();
    app.recovered(vec![landed.clone(), lost.clone()]);
    assert_eq!(app.pending, vec![lost]);
    let notes: Vec<_> = app.reg.tasks[0]
        .history
        .iter()
        .filter_map(|h| h.note.as_deref())
        .collect();
    assert_eq!(notes, ["已召开推进会", "已报送材料"]);
    // All of them in the file already: nothing kept, nothing said.
    let mut again = self::app(Lang::Zh, "");
    crate::registry::apply(again.reg.write(), &landed).unwrap();
    again.recovered(vec![landed]);
    assert!(again.pending.is_empty());
    assert_eq!(again.message, None);
}
