//! Edits that never block the screen, as state with the real saver and loader
//! threads: an edit changes one task and rebuilds no index; a save that finds
//! the file as shown swaps nothing; a save on top of a colleague's, and a
//! colleague's save itself, arrive with their indexes built off the UI thread,
//! which keeps answering keys meanwhile.

use crate::tui_editing::{app_on, at_task_12, key, press, temp_registry};
use crossterm::event::KeyCode;
use dubang::registry::{Edit, EditTarget, Index, Op, Status};
use dubang::store::{self, FileStamp};
use dubang::tui::app::App;
use dubang::tui::edit::Effect;
use dubang::tui::loader::{self, Loaded, Loader};
use dubang::tui::saver::{Report, Saver};
use std::path::Path;
use std::time::{Duration, Instant};

/// The app on `file` as the dashboard starts it: knowing the version it read.
fn started_on(file: &Path) -> App {
    let mut a = app_on(file.to_path_buf());
    a.stamp = FileStamp::of(file).ok();
    a
}

/// Presses `s 2` (推进中 / in progress) on task 12 and sends the save.
fn edit_task_12(a: &mut App, saver: &mut Saver) {
    let eff = press(a, &[key(KeyCode::Char('s')), key(KeyCode::Char('2'))]).unwrap();
    let Effect::Save { edits, undo } = eff else {
        panic!("{eff:?}")
    };
    saver.send(a.begin_save(edits, undo));
}

/// The saver's `Done` report, waited for up to 10 s.
fn done(saver: &mut Saver) -> Report {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Some(r) = saver.next(Duration::from_millis(20))
            && matches!(r, Report::Done { .. })
        {
            return r;
        }
    }
    panic!("the save never finished")
}

/// A colleague (wangfang) marks task 1 delayed through the file.
fn colleague_saves(file: &Path) {
    let mut e = Edit::new(
        EditTarget::Task("t1".into()),
        Op::SetStatus {
            to: Status::Delayed,
        },
    );
    e.by = "wangfang".into();
    store::save_edit(file, &e).unwrap();
}

#[test]
fn an_edit_rebuilds_no_index_and_a_save_of_the_file_as_shown_swaps_nothing() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    at_task_12(&mut a);
    let (ix, search) = (a.ix.id(), a.search.id());
    let mut saver = Saver::start();
    edit_task_12(&mut a, &mut saver);
    // Shown at once, without a new index of either kind.
    assert_eq!(a.reg.task("t12").unwrap().status, Status::InProgress);
    assert_eq!((a.ix.id(), a.search.id()), (ix, search));

    let report = done(&mut saver);
    let Report::Done { result, .. } = &report else {
        unreachable!()
    };
    let landed = result.as_ref().as_ref().unwrap();
    assert!(
        landed.version.is_none(),
        "nobody else wrote: the saver sends no new version"
    );
    a.save_report(report);
    // Nothing swapped; what is shown is what the file holds; the next check of
    // the file sees our own save.
    assert_eq!((a.ix.id(), a.search.id()), (ix, search));
    assert_eq!(*a.reg, store::load(&file).unwrap());
    assert_eq!(a.stamp, FileStamp::of(&file).ok());
    assert!(a.message.as_deref().unwrap_or("").contains("saved"));
    assert_eq!(a.undo.len(), 1, "undoable: {:?}", a.undo);
    assert!(!a.unsaved_task("t12"));

    // Its undo: shown once saved (the save could refuse it), and the file being
    // the version shown, no version is sent back either: the undo is put on the
    // screen as it went into the file.
    let eff = press(&mut a, &[key(KeyCode::Char('u'))]).unwrap();
    let Effect::Save { edits, undo } = eff else {
        panic!("{eff:?}")
    };
    assert!(undo);
    saver.send(a.begin_save(edits, undo));
    assert_eq!(a.reg.task("t12").unwrap().status, Status::InProgress);
    let report = done(&mut saver);
    let Report::Done { result, .. } = &report else {
        unreachable!()
    };
    assert!(result.as_ref().as_ref().unwrap().version.is_none());
    a.save_report(report);
    assert_eq!(a.reg.task("t12").unwrap().status, Status::NotStarted);
    assert_eq!((a.ix.id(), a.search.id()), (ix, search));
    assert_eq!(*a.reg, store::load(&file).unwrap());
    assert_eq!(a.stamp, FileStamp::of(&file).ok());
    assert!(a.undo.is_empty(), "an undo is not undone: {:?}", a.undo);
}

#[test]
fn edits_sent_before_the_first_lands_swap_nothing_either() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    at_task_12(&mut a);
    let (ix, search) = (a.ix.id(), a.search.id());
    let mut saver = Saver::start();
    // Two edits in a row: the second is sent before the first's report is taken,
    // so it names the version the screen rested on before the first.
    edit_task_12(&mut a, &mut saver);
    press(&mut a, &[key(KeyCode::Down)]);
    edit_task_12(&mut a, &mut saver);
    for _ in 0..2 {
        let report = done(&mut saver);
        let Report::Done { result, .. } = &report else {
            unreachable!()
        };
        let landed = result.as_ref().as_ref().unwrap();
        assert!(landed.version.is_none(), "nobody else wrote");
        a.save_report(report);
    }
    assert_eq!((a.ix.id(), a.search.id()), (ix, search));
    assert_eq!(*a.reg, store::load(&file).unwrap());
    assert_eq!(a.stamp, FileStamp::of(&file).ok());
    assert!(a.in_flight.is_empty());
}

#[test]
fn a_save_on_top_of_a_colleagues_brings_indexes_built_by_the_saver() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    at_task_12(&mut a);
    colleague_saves(&file);
    let mut saver = Saver::start();
    edit_task_12(&mut a, &mut saver);
    let report = done(&mut saver);
    let Report::Done { result, .. } = &report else {
        unreachable!()
    };
    let version = result.as_ref().as_ref().unwrap().version.as_ref();
    let built = version.map(|v| (v.ix.id(), v.search.id()));
    assert!(
        built.is_some(),
        "the file changed: the saver sends its version"
    );
    a.save_report(report);
    // The saver's indexes are the ones in use; both edits are shown.
    assert_eq!(Some((a.ix.id(), a.search.id())), built);
    assert_eq!(a.reg.task("t1").unwrap().status, Status::Delayed);
    assert_eq!(a.reg.task("t12").unwrap().status, Status::InProgress);
    assert_eq!(*a.reg, store::load(&file).unwrap());
    assert_eq!(a.stamp, FileStamp::of(&file).ok());
}

/// Polls the loader (lending what is shown) until it is done, at most 10 s.
fn loaded(loader: &mut Loader, a: &App) -> Loaded {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Some(l) = loader.poll(&a.reg, a.shows_the_file()) {
            return l;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the load never finished")
}

#[test]
fn a_colleagues_save_is_read_on_another_thread_while_keys_are_answered() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    at_task_12(&mut a);
    let (ix, search) = (a.ix.id(), a.search.id());
    colleague_saves(&file);
    let mut loader = Loader::default();
    let mut reported = None;
    // The check only looks at the stamp and starts the load: nothing changed yet.
    assert!(!loader::check_file(&mut a, &mut loader, &reported));
    assert!(loader.busy());
    assert_eq!(a.reg.task("t1").unwrap().status, Status::NotStarted);
    // Keys are answered meanwhile.
    let sel = a.task_sel();
    let (changed, effect) = a.handle(&key(KeyCode::Down));
    assert!(changed && effect.is_none());
    assert_eq!(a.task_sel(), sel + 1);

    let l = loaded(&mut loader, &a);
    // Only what an edit changes differs: the task that changed comes back, not a
    // second registry, and no index is built.
    let Loaded::Patch { patch, .. } = &l else {
        panic!("not read against the version shown")
    };
    assert_eq!(patch.tasks.len(), 1);
    assert_eq!(patch.tasks[0].0, a.ix.task(&a.reg, "t1").unwrap());
    loader::take(&mut a, l, &mut reported);
    assert!(!loader.busy());
    // Put in place: the same indexes, their roll-ups moved as a rebuild would
    // have them, the change and who made it named, the selection kept, and the
    // registry not left shared with the load.
    assert_eq!((a.ix.id(), a.search.id()), (ix, search));
    same_rollups_as_rebuilt(&a);
    assert_eq!(*a.reg, store::load(&file).unwrap());
    let msg = a.message.clone().unwrap_or_default();
    assert!(
        msg.contains("reloaded") && msg.contains("wangfang"),
        "{msg}"
    );
    assert_eq!(a.task_sel(), sel + 1);
    assert_eq!(a.reg.readers(), 0);
    assert_eq!(a.stamp, FileStamp::of(&file).ok());
    // Our own version is not loaded again.
    assert!(!loader::check_file(&mut a, &mut loader, &reported));
    assert!(!loader.busy());
}

/// Every roll-up of the app's index as an index built afresh has it.
fn same_rollups_as_rebuilt(a: &App) {
    let fresh = Index::build(&a.reg);
    assert_eq!(a.ix.all_rollup(), fresh.all_rollup());
    for i in 0..a.reg.sections.len() {
        assert_eq!(
            a.ix.section_rollup(i),
            fresh.section_rollup(i),
            "section {i}"
        );
    }
    for i in 0..a.reg.units.len() {
        assert_eq!(a.ix.unit_rollup(i), fresh.unit_rollup(i), "unit {i}");
    }
    for i in 0..a.reg.towns.len() {
        assert_eq!(a.ix.town_rollup(i), fresh.town_rollup(i), "town {i}");
    }
    for i in 0..a.reg.goals.len() {
        assert_eq!(a.ix.goal_rollup(i), fresh.goal_rollup(i), "goal {i}");
    }
}

#[test]
fn a_save_that_changes_more_than_edits_do_or_meets_kept_edits_is_read_whole() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    let (ix, search) = (a.ix.id(), a.search.id());
    // A task's title rewritten by hand (or by an import): the indexes are built
    // from titles, so the version is read whole and indexed there.
    let text = std::fs::read_to_string(&file).unwrap();
    let title = a.reg.task("t3").unwrap().title.clone();
    std::fs::write(&file, text.replacen(&title, "改写后的标题", 1)).unwrap();
    let mut loader = Loader::default();
    let mut reported = None;
    loader::check_file(&mut a, &mut loader, &reported);
    let l = loaded(&mut loader, &a);
    let Loaded::Version { version, .. } = &l else {
        panic!("a rewritten title is read whole")
    };
    let built = (version.ix.id(), version.search.id());
    assert_ne!(built, (ix, search));
    loader::take(&mut a, l, &mut reported);
    assert_eq!((a.ix.id(), a.search.id()), built);
    assert_eq!(a.reg.task("t3").unwrap().title, "改写后的标题");

    // An edit kept from a failed save is shown on top: the file is not what is
    // shown, so a colleague's save is read whole and the kept edit put on top.
    let mut kept = Edit::new(
        EditTarget::Task("t5".into()),
        Op::SetStatus { to: Status::Done },
    );
    kept.by = "me".into();
    a.recovered(vec![kept]);
    assert!(!a.shows_the_file());
    colleague_saves(&file);
    loader::check_file(&mut a, &mut loader, &reported);
    let l = loaded(&mut loader, &a);
    assert!(matches!(l, Loaded::Version { .. }));
    loader::take(&mut a, l, &mut reported);
    assert_eq!(a.reg.task("t1").unwrap().status, Status::Delayed);
    assert_eq!(a.reg.task("t5").unwrap().status, Status::Done);
}

#[test]
fn a_broken_save_is_said_once_and_a_cancelled_load_changes_nothing() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    let mut loader = Loader::default();
    let mut reported = None;
    std::fs::write(&file, "{ \"format\": ").unwrap();
    loader::check_file(&mut a, &mut loader, &reported);
    let l = loaded(&mut loader, &a);
    loader::take(&mut a, l, &mut reported);
    let msg = a.message.take().unwrap_or_default();
    assert!(msg.contains("ends too early"), "{msg}");
    // Said once: the same broken version starts no second load.
    assert!(!loader::check_file(&mut a, &mut loader, &reported));
    assert!(!loader.busy());

    // Fixed by a colleague; our edit is sent while the load runs: it is dropped.
    std::fs::write(&file, store::BUNDLED).unwrap();
    colleague_saves(&file);
    loader::check_file(&mut a, &mut loader, &reported);
    assert!(loader.busy());
    loader.cancel();
    assert!(!loader.busy());
    assert!(loader.poll(&a.reg, a.shows_the_file()).is_none());
    assert_eq!(a.reg.task("t1").unwrap().status, Status::NotStarted);
}

/// Whether task `id` is on the problem list as the Overview shows it.
fn on_problem_list(a: &App, id: &str) -> bool {
    let i = a.ix.task(&a.reg, id).expect("the task");
    a.problem_rows().iter().any(|p| p.task == i)
}

#[test]
fn the_kept_problem_list_follows_an_edit_shown_on_top_and_a_load() {
    let (_d, file) = temp_registry();
    let mut a = started_on(&file);
    at_task_12(&mut a);
    // Every task is past the plan's 2025 deadline: all are on the list, which is
    // now kept for the next frame.
    assert!(on_problem_list(&a, "t12") && on_problem_list(&a, "t1"));
    // Marked done by a key: changed through the index, no index rebuilt, and the
    // next frame's list is made again (the write marked a new generation).
    let eff = press(&mut a, &[key(KeyCode::Char('s')), key(KeyCode::Char('3'))]).unwrap();
    let Effect::Save { edits, undo } = eff else {
        panic!("{eff:?}")
    };
    let mut saver = Saver::start();
    saver.send(a.begin_save(edits, undo));
    assert_eq!(a.reg.task("t12").unwrap().status, Status::Done);
    assert!(!on_problem_list(&a, "t12"));
    a.save_report(done(&mut saver));
    assert!(!on_problem_list(&a, "t12"));

    // A colleague marks task 1 done; the loader brings that version.
    let mut e = Edit::new(
        EditTarget::Task("t1".into()),
        Op::SetStatus { to: Status::Done },
    );
    e.by = "wangfang".into();
    store::save_edit(&file, &e).unwrap();
    let mut loader = Loader::default();
    let mut reported = None;
    loader::check_file(&mut a, &mut loader, &reported);
    let l = loaded(&mut loader, &a);
    loader::take(&mut a, l, &mut reported);
    assert_eq!(a.reg.task("t1").unwrap().status, Status::Done);
    assert!(!on_problem_list(&a, "t1") && !on_problem_list(&a, "t12"));
}
