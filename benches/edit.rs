//! An edit and a reload as the user feels them and as the disk sees them, at 28,
//! 10 000 and 100 000 tasks (the bundled tasks cloned, a third with some history):
//!
//! - `edit_shown/*`: an edit key (`]`, the next status) on the Sections tab's task
//!   list → the edit shown on top and handed to the saver → the frame after it at
//!   80×24 (ratatui's `TestBackend`: the work before the terminal write);
//! - `edit_saved/streamed/*`: the saver thread's part, as the disk sees it: lock, the
//!   file (the version shown) streamed a task at a time into the next with the edit
//!   applied, fsync, rename (the file put back between iterations, unmeasured), and
//!   what the screen is sent (nothing new); `edit_saved/whole/*` the same save when
//!   the file is read whole (as every save did before; now when another process
//!   saved since);
//! - `reload_patch/*`: another process's save of one status, read on the loader
//!   thread against the version shown, a task at a time, and the changes counted:
//!   what a colleague's dubang costs now; `reload_read/*` a version read whole:
//!   parse and check, count what changed, build both indexes (a save that changed
//!   more than edits do; every reload before);
//! - `reload_patched/*`: that patch put in place on the UI thread, the roll-ups
//!   moved, the selections kept and the changes said, and the frame after it;
//!   `reload_shown/*` a whole version swapped in, and the frame after it: what the
//!   next key waits for at most (the version it replaces is freed on another
//!   thread; here it is the next one swapped in).
//!
//! Run: `cargo bench --bench edit -- --warm-up-time 1 --measurement-time 3`.

mod common;

use chrono::{DateTime, FixedOffset};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use dubang::lang::Lang;
use dubang::registry::{
    Changes, Edit, EditTarget, Op, Registry, Status, Task, apply, changes_between, changes_in,
};
use dubang::store::{self, FileStamp, Patch, SavedOver};
use dubang::tui::app::{App, Command, Tab};
use dubang::tui::edit::Effect;
use dubang::tui::theme::Theme;
use dubang::tui::version::{Landed, Version};
use dubang::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
}

/// The sizes measured, with criterion's sample count for each.
fn sizes() -> Vec<(&'static str, Registry, usize)> {
    vec![
        ("28", common::bundled(), 50),
        ("10k", common::in_use(10_000), 10),
        ("100k", common::in_use(100_000), 10),
    ]
}

/// The app on the Sections tab with the first section's task list focused, the
/// selection on its 12th task, as after `2`, Enter and a few `j`.
fn app_at_a_task(reg: Registry, file: PathBuf) -> App {
    let mut app = App::new(reg, file, Lang::Zh, now());
    app.who = "liwei".into();
    app.resize(80, 24);
    app.update(Command::GoTab(Tab::Sections));
    app.update(Command::Open);
    for _ in 0..11 {
        app.update(Command::Down);
    }
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(80, 24)).expect("test terminal")
}

fn edit_shown(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut g = c.benchmark_group("edit_shown");
    for (name, reg, _) in sizes() {
        let mut app = app_at_a_task(reg, PathBuf::from("registry.json"));
        let mut term = terminal();
        term.draw(|f| view::draw(f, &app, &theme)).unwrap();
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let Some(Effect::Save { edits, undo }) = app.update(Command::StatusNext) else {
                    panic!("no edit")
                };
                let job = app.begin_save(edits, undo);
                term.draw(|f| view::draw(f, &app, &theme)).unwrap();
                // As if its save had landed: the marks of edits on their way
                // would otherwise pile up over the iterations.
                app.in_flight.clear();
                black_box(job)
            })
        });
    }
    g.finish();
}

/// A file of `reg` in a temporary directory, and its bytes to put back.
fn on_disk(reg: &Registry) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.json");
    let bytes = store::to_json(reg).into_bytes();
    std::fs::write(&file, &bytes).unwrap();
    (dir, file, bytes)
}

fn put_back(file: &PathBuf, bytes: &[u8]) -> Option<FileStamp> {
    let mut f = std::fs::File::create(file).unwrap();
    f.write_all(bytes).unwrap();
    f.sync_all().unwrap();
    FileStamp::of(file).ok()
}

fn edit_saved(c: &mut Criterion) {
    let mut g = c.benchmark_group("edit_saved");
    g.sampling_mode(SamplingMode::Flat);
    for (name, reg, samples) in sizes() {
        g.sample_size(samples);
        let (_dir, file, bytes) = on_disk(&reg);
        let mut app = app_at_a_task(reg, file.clone());
        let Some(Effect::Save { edits, .. }) = app.update(Command::StatusNext) else {
            panic!("no edit")
        };
        g.bench_function(BenchmarkId::new("streamed", name), |b| {
            b.iter_batched(
                || put_back(&file, &bytes),
                |known| {
                    let shown: Vec<FileStamp> = known.into_iter().collect();
                    let saved = store::save_edits_over(&file, &edits, &shown).unwrap();
                    let SavedOver::Shown(saved) = saved else {
                        panic!("the version shown is streamed")
                    };
                    Landed::shown(saved)
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function(BenchmarkId::new("whole", name), |b| {
            b.iter_batched(
                || put_back(&file, &bytes),
                |known| {
                    let saved = store::save_edits(&file, &edits).unwrap();
                    let landed = Landed::of(saved, known);
                    assert!(landed.version.is_none());
                    landed
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

/// `reg` with task `i` marked delayed by a colleague (wangfang).
fn colleagues_version(reg: &Registry, i: usize) -> Registry {
    let mut theirs = reg.clone();
    let mut e = Edit::new(
        EditTarget::Task(theirs.tasks[i].id.clone()),
        Op::SetStatus {
            to: Status::Delayed,
        },
    );
    e.by = "wangfang".into();
    e.at = now();
    apply(&mut theirs, &e).unwrap();
    theirs
}

fn reload_patch(c: &mut Criterion) {
    let mut g = c.benchmark_group("reload_patch");
    g.sampling_mode(SamplingMode::Flat);
    for (name, reg, samples) in sizes() {
        g.sample_size(samples);
        let theirs = colleagues_version(&reg, reg.tasks.len() / 2);
        let shown = Arc::new(reg);
        let (_dir, file, _) = on_disk(&theirs);
        drop(theirs);
        let stop = AtomicBool::new(false);
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let patch = store::patch(&file, &shown, &stop).expect("only an edit");
                let (old, new): (Vec<Task>, Vec<Task>) = patch
                    .tasks
                    .iter()
                    .map(|(i, t)| (shown.tasks[*i].clone(), t.clone()))
                    .unzip();
                let changes = changes_in(&old, &new, &shown.goals, &shown.goals);
                assert_eq!(changes.count, 1);
                (patch, changes)
            })
        });
    }
    g.finish();
}

/// What a colleague's one status changed, as the status line says it.
fn one_change() -> Changes {
    Changes {
        count: 1,
        by: vec!["wangfang".into()],
        unrecorded: 0,
    }
}

fn reload_patched(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut g = c.benchmark_group("reload_patched");
    for (name, reg, _) in sizes() {
        let i = reg.tasks.len() / 2;
        let theirs = colleagues_version(&reg, i);
        let patch = Patch {
            tasks: vec![(i, theirs.tasks[i].clone())],
            goals: None,
        };
        drop(theirs);
        let mut app = app_at_a_task(reg, PathBuf::from("registry.json"));
        let mut term = terminal();
        let changes = one_change();
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let old = app.reloaded_patch(patch.clone(), &changes);
                term.draw(|f| view::draw(f, &app, &theme)).unwrap();
                old
            })
        });
    }
    g.finish();
}

fn reload_read(c: &mut Criterion) {
    let mut g = c.benchmark_group("reload_read");
    g.sampling_mode(SamplingMode::Flat);
    for (name, reg, samples) in sizes() {
        g.sample_size(samples);
        let shown = Arc::new(reg.clone());
        let (_dir, file, _) = on_disk(&reg);
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                let new = store::load(&file).unwrap();
                let changes = changes_between(&shown, &new);
                (Version::new(new), changes)
            })
        });
    }
    g.finish();
}

fn reload_shown(c: &mut Criterion) {
    let theme = Theme::dark();
    let mut g = c.benchmark_group("reload_shown");
    for (name, reg, _) in sizes() {
        let mut spare = Some(Version::new(reg.clone()));
        let mut app = app_at_a_task(reg, PathBuf::from("registry.json"));
        let mut term = terminal();
        let changes = one_change();
        g.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                // Two versions of the same size take turns: the one swapped out
                // is the next one in, so nothing is built or freed in the loop.
                let version = spare.take().expect("a version");
                spare = Some(app.reloaded_version(version, &changes));
                term.draw(|f| view::draw(f, &app, &theme)).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(
    benches,
    edit_shown,
    edit_saved,
    reload_patch,
    reload_read,
    reload_patched,
    reload_shown
);
criterion_main!(benches);
