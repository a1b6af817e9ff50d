//! Saving off the UI thread, as state with the real saver thread: an edit is shown
//! at once, keys are answered while the save waits for a lock someone else holds,
//! the status line says who holds it, and the save lands once the lock is free.

use crate::tui_editing::{app_on, at_task_12, key, press, temp_registry};
use crossterm::event::KeyCode;
use dubang::registry::Status;
use dubang::store;
use dubang::tui::edit::Effect;
use dubang::tui::saver::{Report, Saver};
use std::time::{Duration, Instant};

/// Waits up to `limit` for a report of the kind `want` accepts, handing every
/// report to the state on the way.
fn report_until(
    a: &mut dubang::tui::app::App,
    saver: &mut Saver,
    limit: Duration,
    want: impl Fn(&Report) -> bool,
) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(r) = saver.next(Duration::from_millis(20)) {
            let hit = want(&r);
            a.save_report(r);
            if hit {
                return true;
            }
        }
    }
    false
}

#[test]
fn a_held_lock_never_holds_up_the_screen_and_the_save_lands_once_it_is_free() {
    let (_d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    let before = a.reg.task("t12").unwrap().status;
    assert_ne!(before, Status::InProgress);

    // A colleague's save holds the lock.
    let lock = store::lock::lock_path(&file.canonicalize().unwrap());
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .unwrap();
    held.lock().unwrap();

    let mut saver = Saver::start();
    let started = Instant::now();
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('2'))]).unwrap();
    let Effect::Save { edits, undo } = eff else {
        panic!("{eff:?}")
    };
    saver.send(a.begin_save(edits, undo));
    let shown = started.elapsed();
    // On screen at once, marked as not in the file yet; the file unchanged.
    assert_eq!(a.reg.task("t12").unwrap().status, Status::InProgress);
    assert!(a.unsaved_task("t12"));
    assert!(saver.busy());
    assert!(shown < Duration::from_millis(100), "{shown:?}");

    // The saver says it waits, and whose lock it is (this process holds it).
    assert!(
        report_until(&mut a, &mut saver, Duration::from_secs(5), |r| {
            matches!(r, Report::Waiting { .. })
        }),
        "no word that the save waits"
    );
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.contains("waiting for the file lock"), "{msg}");
    assert!(
        msg.contains(&format!("pid {}", std::process::id())),
        "names the holder: {msg}"
    );

    // Keys are answered while the save waits.
    let sel = a.task_sel();
    let t = Instant::now();
    let (changed, effect) = a.handle(&key(KeyCode::Down));
    let took = t.elapsed();
    assert!(changed && effect.is_none());
    assert_eq!(a.task_sel(), sel + 1);
    assert!(took < Duration::from_millis(100), "a key took {took:?}");
    // The key cleared the message; the wait is still said.
    assert!(a.message.is_none(), "{:?}", a.message);
    assert!(
        a.lock_wait
            .as_deref()
            .is_some_and(|w| w.contains("waiting for the file lock")),
        "{:?}",
        a.lock_wait
    );
    assert_eq!(
        store::load(&file).unwrap().task("t12").unwrap().status,
        before
    );
    assert!(saver.busy());

    // The lock is freed: the save lands, the mark goes.
    held.unlock().unwrap();
    assert!(
        report_until(&mut a, &mut saver, Duration::from_secs(10), |r| {
            matches!(r, Report::Done { .. })
        }),
        "the save never finished"
    );
    assert!(!saver.busy());
    let on_disk = store::load(&file).unwrap();
    assert_eq!(on_disk.task("t12").unwrap().status, Status::InProgress);
    assert!(!a.unsaved_task("t12"));
    assert!(a.lock_wait.is_none());
    assert!(a.message.as_deref().unwrap_or("").contains("saved"));
    assert_eq!(*a.reg, on_disk);
}

/// Notes on task 12 with this text, in what is shown or on disk.
fn notes(reg: &dubang::registry::Registry, text: &str) -> usize {
    let t = reg.task("t12").unwrap();
    t.history
        .iter()
        .filter(|h| h.note.as_deref() == Some(text))
        .count()
}

#[test]
fn a_failed_background_save_keeps_the_edit_once_and_q_waits_for_the_retry() {
    let (d, file) = temp_registry();
    let mut a = app_on(file.clone());
    at_task_12(&mut a);
    let mut saver = Saver::start();
    std::fs::rename(&file, d.path().join("away.json")).unwrap();
    press(&mut a, &[key(KeyCode::Char('n'))]);
    a.handle(&crossterm::event::Event::Paste("督查组已现场核实".into()));
    let eff = press(&mut a, &[key(KeyCode::Enter)]).unwrap();
    let Effect::Save { edits, undo } = eff else {
        panic!("{eff:?}")
    };
    saver.send(a.begin_save(edits, undo));
    assert_eq!(notes(&a.reg, "督查组已现场核实"), 1, "shown at once");
    assert!(report_until(
        &mut a,
        &mut saver,
        Duration::from_secs(10),
        |r| { matches!(r, Report::Done { .. }) }
    ));
    // Failed: kept (once, not applied twice), marked, the reason said.
    assert_eq!(a.pending.len(), 1);
    assert!(a.in_flight.is_empty());
    assert_eq!(notes(&a.reg, "督查组已现场核实"), 1);
    assert!(a.unsaved_task("t12"));
    let msg = a.message.clone().unwrap_or_default();
    assert!(
        msg.contains("not saved") && msg.contains("r retries"),
        "{msg}"
    );

    // The file is back: r retries, q while the retry runs quits once it lands.
    std::fs::rename(d.path().join("away.json"), &file).unwrap();
    let eff = press(&mut a, &[key(KeyCode::Char('r'))]).unwrap();
    let Effect::Save { edits, undo } = eff else {
        panic!("{eff:?}")
    };
    saver.send(a.begin_save(edits, undo));
    assert!(a.pending.is_empty() && a.in_flight.len() == 1);
    assert_eq!(notes(&a.reg, "督查组已现场核实"), 1);
    press(&mut a, &[key(KeyCode::Char('q'))]);
    assert!(!a.quit, "not before the save is done");
    assert!(
        a.message.as_deref().unwrap_or("").contains("quitting once"),
        "{:?}",
        a.message
    );
    assert!(report_until(
        &mut a,
        &mut saver,
        Duration::from_secs(10),
        |r| { matches!(r, Report::Done { .. }) }
    ));
    assert!(a.quit, "{:?}", a.message);
    let on_disk = store::load(&file).unwrap();
    assert_eq!(notes(&on_disk, "督查组已现场核实"), 1);
    assert_eq!(*a.reg, on_disk);
}
