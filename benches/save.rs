//! The cost of one saved edit — lock, re-read, parse and check, apply, write the whole
//! file atomically (two fsyncs), unlock — on the bundled plan (28 tasks) and on a
//! generated registry of 10 000 tasks, each on disk (the temp dir) and in memory
//! (`/dev/shm`, where fsync costs nothing, so the difference is the disk's share).
//!
//! Each measured save starts from the same file: the setup (not measured) puts the
//! original back, so the history does not grow from one iteration to the next.
//!
//! cargo bench --bench save -- --warm-up-time 1 --measurement-time 3

mod common;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use dubang::registry::{Edit, EditTarget, Op, Registry, Status};
use dubang::store;
use std::io::Write;
use std::path::PathBuf;

use common::bundled;

/// The bundled plan's tasks repeated to `n`, with a little history each, as a
/// registry that has been in use for a while would have.
fn generated(n: usize) -> Registry {
    let mut reg = common::scaled(n, |_, _| {});
    for (i, t) in reg.tasks.clone().iter().enumerate().step_by(3) {
        let e = Edit::new(
            EditTarget::Task(t.id.clone()),
            Op::SetStatus {
                to: Status::InProgress,
            },
        )
        .with_note(format!("第{i}次督办：已召开推进会"));
        dubang::registry::apply(&mut reg, &e).unwrap();
    }
    reg
}

struct Place {
    _dir: tempfile::TempDir,
    file: PathBuf,
    pristine: Vec<u8>,
}

fn place(reg: &Registry, in_memory: bool) -> Option<Place> {
    let dir = if in_memory {
        tempfile::tempdir_in("/dev/shm").ok()?
    } else {
        tempfile::tempdir().unwrap()
    };
    let file = dir.path().join("registry.json");
    let pristine = store::to_json(reg).into_bytes();
    std::fs::write(&file, &pristine).unwrap();
    Some(Place {
        _dir: dir,
        file,
        pristine,
    })
}

fn reset(p: &Place) {
    let mut f = std::fs::File::create(&p.file).unwrap();
    f.write_all(&p.pristine).unwrap();
    f.sync_all().unwrap();
}

fn bench_save(c: &mut Criterion) {
    let edit = Edit::new(
        EditTarget::Task("t12".into()),
        Op::SetStatus {
            to: Status::Delayed,
        },
    )
    .with_note("bench");
    let mut group = c.benchmark_group("save_edit");
    for (name, reg, samples) in [
        ("bundled", bundled(), 50),
        ("10k_tasks", generated(10_000), 10),
    ] {
        group.sample_size(samples);
        for (where_, in_memory) in [("disk", false), ("memory", true)] {
            let Some(p) = place(&reg, in_memory) else {
                eprintln!("no /dev/shm: skipping {name}/{where_}");
                continue;
            };
            eprintln!(
                "{name}: {} tasks, {} KiB",
                reg.tasks.len(),
                p.pristine.len() / 1024
            );
            group.bench_function(BenchmarkId::new(name, where_), |b| {
                b.iter_batched(
                    || reset(&p),
                    |()| store::save_edit(&p.file, &edit).unwrap(),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_save);
criterion_main!(benches);
