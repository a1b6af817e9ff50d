//! Editing from the dashboard, as state: keys → effects, and what a save or a
//! failure does to what is shown. The saves themselves go through the real store
//! on a temporary file.

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::lang::Lang;
use dubang::registry::{EditTarget, Op, Status};
use dubang::store;
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::edit::{Effect, Mode};
use std::path::{Path, PathBuf};

pub(crate) fn app_on(file: PathBuf) -> App {
    let reg = store::load(&file).unwrap();
    let now = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut a = App::new(reg, file, Lang::En, now);
    a.who = "liwei".into();
    a
}

pub(crate) fn temp_registry() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.json");
    std::fs::write(&file, store::BUNDLED).unwrap();
    (dir, file)
}

pub(crate) fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

pub(crate) fn press(a: &mut App, events: &[Event]) -> Option<Effect> {
    let mut out = None;
    for e in events {
        if let (_, Some(eff)) = a.handle(e) {
            out = Some(eff);
        }
    }
    out
}

/// Performs an effect the way the runner does.
pub(crate) fn perform(a: &mut App, effect: Effect) {
    match effect {
        Effect::Save { edits, undo } => match store::save_edits(&a.file.clone(), &edits) {
            Ok(saved) => a.saved(saved, undo),
            Err(e) => a.save_failed(edits, &e),
        },
        Effect::WriteAs(p) => dubang::tui::write_as::write_elsewhere(a, &p, false),
        Effect::Export { .. } => panic!("the edit tests export nothing"),
    }
}

/// Sections tab, section 二, task 12 selected.
pub(crate) fn at_task_12(a: &mut App) {
    for c in [
        Command::GoTab(Tab::Sections),
        Command::Down,
        Command::Open,
        Command::Down,
        Command::Down,
    ] {
        a.update(c);
    }
}

#[test]
fn status_picker_saves_at_once_with_who_and_when() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    assert!(press(&mut a, &[key(KeyCode::Char('s'))]).is_none());
    assert!(matches!(a.mode, Mode::StatusPicker { .. }));
    let eff = press(&mut a, &[key(KeyCode::Char('2'))]).expect("an edit");
    let Effect::Save { edits, undo: false } = &eff else {
        panic!("{eff:?}")
    };
    assert_eq!(edits[0].target, EditTarget::Task("t12".into()));
    assert_eq!(
        edits[0].op,
        Op::SetStatus {
            to: Status::InProgress
        }
    );
    perform(&mut a, eff);
    let on_disk = store::load(&file).unwrap();
    let t = on_disk.task("t12").unwrap();
    assert_eq!(t.status, Status::InProgress);
    assert_eq!(t.updated_by.as_deref(), Some("liwei"));
    assert_eq!(t.history.len(), 1);
    assert!(
        a.message.as_deref().unwrap().contains("saved"),
        "{:?}",
        a.message
    );
    // What is shown is what is on disk.
    assert_eq!(*a.reg, on_disk);
}

#[test]
fn picker_letters_arrows_and_escape() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    at_task_12(&mut a);
    press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Esc)]);
    assert!(matches!(a.mode, Mode::Normal));
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('b'))]).unwrap();
    assert!(
        matches!(&eff, Effect::Save { edits, .. } if edits[0].op == Op::SetStatus { to: Status::Blocked })
    );
    let eff = press(
        &mut a,
        &[
            key(KeyCode::Char('s')),
            key(KeyCode::Down),
            key(KeyCode::Down),
            key(KeyCode::Enter),
        ],
    )
    .unwrap();
    assert!(
        matches!(&eff, Effect::Save { edits, .. } if edits[0].op == Op::SetStatus { to: Status::Done })
    );
    let eff = press(&mut a, &[key(KeyCode::Char(']'))]).unwrap();
    assert!(
        matches!(&eff, Effect::Save { edits, .. } if edits[0].op == Op::SetStatus { to: Status::InProgress })
    );
}

#[test]
fn note_input_takes_chinese_paste_and_saves() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    press(
        &mut a,
        &[
            key(KeyCode::Char('n')),
            Event::Paste("已召开推进会\n完成方案".into()),
            key(KeyCode::Char('。')),
        ],
    );
    let Mode::Input(state) = &a.mode else {
        panic!("input open")
    };
    assert_eq!(state.input.value(), "已召开推进会 完成方案。");
    // Cursor movement edits in the middle.
    press(&mut a, &[key(KeyCode::Home), key(KeyCode::Char('★'))]);
    let eff = press(&mut a, &[key(KeyCode::Enter)]).unwrap();
    perform(&mut a, eff);
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!(t.history[0].field, "note");
    assert_eq!(
        t.history[0].note.as_deref(),
        Some("★已召开推进会 完成方案。")
    );
}

#[test]
fn bad_progress_and_dates_stay_in_the_input_with_the_reason() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    at_task_12(&mut a);
    press(
        &mut a,
        &[
            key(KeyCode::Char('p')),
            Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
        ],
    );
    press(
        &mut a,
        &[
            key(KeyCode::Char('1')),
            key(KeyCode::Char('5')),
            key(KeyCode::Char('0')),
        ],
    );
    assert!(press(&mut a, &[key(KeyCode::Enter)]).is_none());
    let Mode::Input(state) = &a.mode else {
        panic!("still open")
    };
    assert!(
        state.error.as_deref().unwrap().contains("over 100"),
        "{:?}",
        state.error
    );
    press(
        &mut a,
        &[
            key(KeyCode::Esc),
            key(KeyCode::Char('d')),
            Event::Paste("2026-02-30".into()),
        ],
    );
    assert!(press(&mut a, &[key(KeyCode::Enter)]).is_none());
    let Mode::Input(state) = &a.mode else {
        panic!("still open")
    };
    assert!(
        state.error.as_deref().unwrap().contains("no such day"),
        "{:?}",
        state.error
    );
    press(
        &mut a,
        &[
            Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            Event::Paste("2026-06-30".into()),
        ],
    );
    let eff = press(&mut a, &[key(KeyCode::Enter)]).unwrap();
    assert!(
        matches!(&eff, Effect::Save { edits, .. } if matches!(edits[0].op, Op::SetDue { to: Some(_) }))
    );
}

/// Issue 11, items 19 and 20: what an input method types — full-width digits, a
/// Chinese date, each character a `KeyCode::Char` — is taken; a date outside any
/// plan's years is refused with its reason.
#[test]
fn inputs_take_what_a_chinese_user_types() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    a.lang = Lang::Zh;
    at_task_12(&mut a);
    let typed = |s: &str| -> Vec<Event> { s.chars().map(|c| key(KeyCode::Char(c))).collect() };
    press(&mut a, &[key(KeyCode::Char('p'))]);
    let eff = press(
        &mut a,
        &[typed("６０％"), vec![key(KeyCode::Enter)]].concat(),
    );
    assert!(
        matches!(&eff, Some(Effect::Save { edits, .. }) if edits.iter().any(|e| e.op == Op::SetProgress { to: 60 })),
        "{eff:?} {:?}",
        a.mode
    );
    for (text, want) in [
        ("2025年6月30日", "2025-06-30"),
        ("2025/6/30", "2025-06-30"),
        ("２０２５０７０１", "2025-07-01"),
        ("2025-2-3", "2025-02-03"),
    ] {
        press(&mut a, &[key(KeyCode::Char('d'))]);
        let ctrl_u = Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        let eff = press(
            &mut a,
            &[vec![ctrl_u], typed(text), vec![key(KeyCode::Enter)]].concat(),
        );
        let Some(Effect::Save { edits, .. }) = &eff else {
            panic!("{text}: {eff:?} {:?}", a.mode)
        };
        assert!(
            matches!(edits[0].op, Op::SetDue { to: Some(d) } if d.to_string() == want),
            "{text}: {:?}",
            edits[0].op
        );
    }
    press(&mut a, &[key(KeyCode::Char('d'))]);
    let ctrl_u = Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    press(&mut a, &[vec![ctrl_u], typed("0000-01-01")].concat());
    assert!(press(&mut a, &[key(KeyCode::Enter)]).is_none());
    let Mode::Input(state) = &a.mode else {
        panic!("still open")
    };
    let error = state.error.as_deref().unwrap_or_default();
    assert!(error.contains("年份应在 2000 到 2100 之间"), "{error}");
}

#[test]
fn undo_puts_the_last_change_back_and_is_not_itself_undone() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('3'))]).unwrap();
    perform(&mut a, eff);
    assert_eq!(
        store::load(&file).unwrap().task("t12").unwrap().status,
        Status::Done
    );
    // Done also set progress to 100: one undo takes both back, never passing
    // through 已完成 0 %, and its entries are marked as an undo.
    let eff = press(&mut a, &[key(KeyCode::Char('u'))]).unwrap();
    perform(&mut a, eff);
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!((t.status, t.progress), (Status::NotStarted, 0));
    let undone: Vec<_> = t.history.iter().filter(|h| h.undo).collect();
    assert_eq!(undone.len(), 2, "{:?}", t.history);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .starts_with("undo task 12: done → not started, 100% → 0%"),
        "{:?}",
        a.message
    );
    assert!(press(&mut a, &[key(KeyCode::Char('u'))]).is_none());
    assert!(a.message.as_deref().unwrap().contains("nothing to undo"));
}

#[test]
fn goals_take_a_status_from_the_goals_tab() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    a.update(Command::GoTab(Tab::Goals));
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('p'))]).unwrap();
    perform(&mut a, eff);
    assert_eq!(
        store::load(&file).unwrap().goals[0].status,
        Status::InProgress
    );
    assert!(press(&mut a, &[key(KeyCode::Char('p'))]).is_none());
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("goals take a status")
    );
}

#[test]
fn read_only_explains_why_every_edit_key_is_off() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    a.read_only = true;
    a.read_only_reason = Some("read-only mode (--read-only): edits are off".into());
    at_task_12(&mut a);
    for c in ['s', 'n', 'p', 'd', 'u', ']', 'r'] {
        assert!(press(&mut a, &[key(KeyCode::Char(c))]).is_none());
        assert!(matches!(a.mode, Mode::Normal), "{c} opened something");
        assert!(
            a.message.as_deref().unwrap().contains("read-only"),
            "{c}: {:?}",
            a.message
        );
    }
}

#[test]
fn a_failed_save_keeps_the_edit_and_a_retry_or_write_elsewhere_lands_it() {
    let (dir, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    // The file vanishes underneath the app.
    let saved_copy = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('2'))]).unwrap();
    perform(&mut a, eff);
    assert_eq!(a.pending.len(), 1);
    assert_eq!(
        a.reg.task("t12").unwrap().status,
        Status::InProgress,
        "the edit is shown"
    );
    let msg = a.message.clone().unwrap();
    assert!(msg.contains("r retries") && !msg.contains('\n'), "{msg}");
    // Retry after the file is back.
    std::fs::write(&file, &saved_copy).unwrap();
    let eff = press(&mut a, &[key(KeyCode::Char('r'))]).unwrap();
    perform(&mut a, eff);
    assert!(a.pending.is_empty());
    assert_eq!(
        store::load(&file).unwrap().task("t12").unwrap().status,
        Status::InProgress
    );
    // Write elsewhere.
    let other = dir.path().join("copy.json");
    let eff = press(
        &mut a,
        &[
            key(KeyCode::Char('w')),
            Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
            Event::Paste(other.display().to_string()),
            key(KeyCode::Enter),
        ],
    )
    .unwrap();
    assert_eq!(eff, Effect::WriteAs(other.clone()));
    perform(&mut a, eff);
    assert_eq!(store::load(&other).unwrap(), store::load(&file).unwrap());
}

#[test]
fn a_reload_keeps_the_selection_and_names_who_changed_what() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    a.update(Command::Open);
    // Someone else saves two edits.
    let mut other = dubang::registry::Edit::new(
        EditTarget::Task("t3".into()),
        Op::SetStatus { to: Status::Done },
    );
    other.by = "wangfang".into();
    store::save_edit(&file, &other).unwrap();
    let new = store::load(Path::new(&file)).unwrap();
    let changes = dubang::registry::changes_between(&a.reg, &new);
    a.reloaded(new, &changes);
    assert_eq!(a.reg.tasks[a.view().detail.unwrap().task].id, "t12");
    let msg = a.message.clone().unwrap();
    assert!(
        msg.contains("reloaded") && msg.contains("wangfang"),
        "{msg}"
    );
}

/// Issue 11, item 19: on a Chinese screen the picker offers the first character of
/// each status (an input method's character arrives as a plain `KeyCode::Char`) and
/// its hints say so, from the key map; English screens keep their letters.
#[test]
fn the_picker_takes_the_first_character_of_each_chinese_status() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    a.lang = Lang::Zh;
    at_task_12(&mut a);
    for (c, want) in [
        ('推', Status::InProgress),
        ('完', Status::Done),
        ('滞', Status::Delayed),
        ('受', Status::Blocked),
        ('未', Status::NotStarted),
    ] {
        press(&mut a, &[key(KeyCode::Char('s'))]);
        let shown = screen(&a);
        assert!(shown.contains("1-5 或 未 推 完 滞 受"), "{shown}");
        assert!(shown.contains("1 未  "), "each row shows its keys: {shown}");
        let eff = press(&mut a, &[key(KeyCode::Char(c))]);
        assert!(
            matches!(&eff, Some(Effect::Save { edits, .. }) if edits[0].op == Op::SetStatus { to: want }),
            "{c}: {eff:?}"
        );
    }
    a.lang = Lang::En;
    press(&mut a, &[key(KeyCode::Char('s'))]);
    let shown = screen(&a);
    assert!(shown.contains("1-5 or n p d l b"), "{shown}");
}

/// The screen at 100×30, as text (wide characters once).
fn screen(a: &App) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    t.draw(|f| dubang::tui::view::draw(f, a, &dubang::tui::theme::Theme::dark()))
        .unwrap();
    crate::common::buffer_rows(t.backend().buffer()).join("\n")
}
