//! Quitting with edits the file has not taken (issue 11, item 4): `q` asks —
//! retry, write elsewhere, or discard after a confirmation — instead of quitting
//! and losing them.

use crate::tui_editing::{app_on, at_task_12, key, perform, press, temp_registry};
use crossterm::event::{Event, KeyCode};
use dubang::registry::Status;
use dubang::store;
use dubang::tui::edit::Mode;

/// An app with one edit kept after a failed save (the file was moved away).
fn with_a_pending_edit() -> (tempfile::TempDir, std::path::PathBuf, dubang::tui::app::App) {
    let (d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    std::fs::rename(&file, d.path().join("away.json")).unwrap();
    let eff = press(&mut a, &[key(KeyCode::Char(']'))]).unwrap();
    perform(&mut a, eff);
    assert_eq!(a.pending.len(), 1, "{:?}", a.message);
    (d, file, a)
}

#[test]
fn quit_with_pending_edits_asks_and_discard_needs_a_confirmation() {
    let (_d, _file, mut a) = with_a_pending_edit();
    press(&mut a, &[key(KeyCode::Char('q'))]);
    assert!(!a.quit, "not quit with an unsaved edit");
    assert!(matches!(a.mode, Mode::Quit(_)));
    // Esc: back to the dashboard, the edit kept.
    press(&mut a, &[key(KeyCode::Esc)]);
    assert!(!a.quit && matches!(a.mode, Mode::Normal) && a.pending.len() == 1);
    // d asks again; Esc steps back; d and Enter discard and quit.
    press(&mut a, &[key(KeyCode::Char('q')), key(KeyCode::Char('d'))]);
    assert!(matches!(&a.mode, Mode::Quit(q) if q.confirming));
    press(&mut a, &[key(KeyCode::Esc)]);
    assert!(matches!(&a.mode, Mode::Quit(q) if !q.confirming) && !a.quit);
    press(&mut a, &[key(KeyCode::Char('d')), key(KeyCode::Enter)]);
    assert!(a.quit && a.pending.is_empty());
}

#[test]
fn retry_from_the_dialog_quits_once_the_save_goes_through() {
    let (d, file, mut a) = with_a_pending_edit();
    let eff = press(&mut a, &[key(KeyCode::Char('q')), key(KeyCode::Char('r'))]).unwrap();
    perform(&mut a, eff);
    // Still failing: the dialog again, the reason on the status line.
    assert!(
        !a.quit && matches!(a.mode, Mode::Quit(_)),
        "{:?}",
        a.message
    );
    assert!(
        a.message.as_deref().unwrap().contains("not saved"),
        "{:?}",
        a.message
    );
    std::fs::rename(d.path().join("away.json"), &file).unwrap();
    let eff = press(&mut a, &[key(KeyCode::Char('r'))]).unwrap();
    perform(&mut a, eff);
    assert!(a.quit && a.pending.is_empty());
    let t = store::load(&file).unwrap().task("t12").unwrap().clone();
    assert_eq!(t.status, Status::InProgress);
}

#[test]
fn write_elsewhere_from_the_dialog_quits_once_written() {
    let (d, _file, mut a) = with_a_pending_edit();
    press(&mut a, &[key(KeyCode::Char('q')), key(KeyCode::Char('w'))]);
    let Mode::Input(state) = &mut a.mode else {
        panic!("the write-to input: {:?}", a.mode)
    };
    let copy = d.path().join("saved-copy.json");
    state.input = tui_input::Input::new(copy.display().to_string());
    let eff = press(&mut a, &[key(KeyCode::Enter)]).unwrap();
    perform(&mut a, eff);
    assert!(a.quit, "{:?}", a.message);
    let t = store::load(&copy).unwrap().task("t12").unwrap().clone();
    assert_eq!(t.status, Status::InProgress);
}

#[test]
fn without_pending_edits_q_quits_at_once() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file);
    press(
        &mut a,
        &[Event::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('q'),
            crossterm::event::KeyModifiers::NONE,
        ))],
    );
    assert!(a.quit);
}
