//! `w` (write elsewhere) copies the data as written: the dashboard shows a registry
//! cleaned for the screen, but a copy is data, so escape sequences and format
//! characters its authors wrote reach the new file byte for byte, with the edits
//! not in the file yet on top (issue 15, item 1: "data on disk stays as written").

use crate::common::{self, Tmux, have_tmux};
use crate::tui_editing::{app_on, key, perform, press};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use dubang::registry::{Edit, EditTarget, Op, Status};
use dubang::store;
use dubang::tui::edit::Effect;
use std::path::{Path, PathBuf};

/// An OSC 0 title change, a bidi override and a soft hyphen.
const WRITTEN: &str = "\u{1b}]0;pwned\u{7}\u{202e}\u{ad}";

/// The bundled plan with [`WRITTEN`] at the start of the document's title.
fn hostile_file(dir: &Path) -> PathBuf {
    let mut reg = common::seed();
    let title = reg["document"]["title"].as_str().unwrap().to_string();
    reg["document"]["title"] = format!("{WRITTEN}{title}").into();
    let file = dir.join("registry.json");
    std::fs::write(&file, serde_json::to_string_pretty(&reg).unwrap()).unwrap();
    file
}

/// The document title the file at `path` holds, as written.
fn title_on_disk(path: &Path) -> String {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["document"]["title"].as_str().unwrap().to_string()
}

#[test]
fn w_writes_the_title_as_written_with_the_unsaved_edits() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path());
    let mut a = app_on(file.clone());
    assert!(!a.reg.document.title.contains('\u{1b}'));
    // Edits a killed session could not save: shown, not in the file.
    let edit = Edit::new(
        EditTarget::Task("t12".into()),
        Op::SetStatus { to: Status::Done },
    );
    a.recovered(vec![edit]);
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
    assert!(a.pending.is_empty());
    assert!(title_on_disk(&other).starts_with(WRITTEN));
    let copy = store::load(&other).unwrap();
    assert_eq!(copy.task("t12").unwrap().status, Status::Done);
    // Everything else as in the file, cleaned the same way when loaded.
    let mut want = store::load(&file).unwrap();
    want.tasks = copy.tasks.clone();
    assert_eq!(copy, want);
    let msg = a.message.clone().unwrap();
    assert!(
        msg.starts_with("written to") && !msg.contains("screen"),
        "{msg}"
    );
}

#[test]
fn w_of_a_file_gone_writes_the_screen_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path());
    let mut a = app_on(file.clone());
    std::fs::remove_file(&file).unwrap();
    let other = dir.path().join("copy.json");
    perform(&mut a, Effect::WriteAs(other.clone()));
    assert_eq!(store::load(&other).unwrap(), *a.reg);
    let msg = a.message.clone().unwrap();
    assert!(
        msg.contains("from the screen") && msg.contains("cannot be read"),
        "{msg}"
    );
}

/// The real binary at 80 columns: `w`, a path, Enter; the copy holds the bytes.
#[test]
fn w_in_the_dashboard_copies_the_bytes_as_written() {
    if !have_tmux() {
        eprintln!("skipped: tmux is not installed");
        return;
    }
    let t = Tmux::new();
    let file = hostile_file(&t.path(""));
    let other = t.path("copy.json");
    let cmd = t.app_command("zh_CN.UTF-8", &["--file", file.to_str().unwrap()]);
    t.spawn(80, 24, &format!("exec {cmd}"));
    t.wait_for("the overview", common::overview);
    t.keys(&["w"]);
    t.wait_for("the path input", |s| s.has(".json"));
    t.keys(&["C-u"]);
    t.type_text(other.to_str().unwrap());
    t.keys(&["Enter"]);
    t.wait_for("written", |s| s.last_text_line().contains("已另存到"));
    assert!(title_on_disk(&other).starts_with(WRITTEN));
    assert_eq!(title_on_disk(&other), title_on_disk(&file));
}
