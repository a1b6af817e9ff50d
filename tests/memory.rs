//! The load's peak memory, counted by the allocator: a binary of its own, since a
//! counting `#[global_allocator]` counts every thread of the binary it is in, and the
//! integration tests run side by side. One test, so nothing else runs meanwhile.
//!
//! A registry file is parsed a block at a time (src/store/stream): while it loads,
//! the heap holds the registry being built and a bounded buffer, never the file's
//! bytes and the registry together (which made the peak 2.2× the file's size). The
//! dashboard's save streams the version it shows into the next: a bounded buffer,
//! not a second registry.

#[path = "../benches/common/mod.rs"]
mod common;

#[path = "../benches/common/counting.rs"]
mod counting;

use counting::{Counting, NOW, PEAK};
use std::sync::atomic::Ordering::Relaxed;

#[global_allocator]
static A: Counting = Counting;

const MB: usize = 1 << 20;

#[test]
fn a_registry_loads_without_its_file_held_in_memory() {
    // 20 000 tasks, a third with a note in their history: a 17 MB file.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.json");
    let written = common::in_use(20_000);
    std::fs::write(&file, dubang::store::to_json(&written)).unwrap();
    drop(written);
    let size = std::fs::metadata(&file).unwrap().len() as usize;

    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let reg = dubang::store::load(&file).expect("the generated registry loads");
    let registry = NOW.load(Relaxed) - before;
    let peak = PEAK.load(Relaxed) - before;
    assert_eq!(reg.tasks.len(), 20_000);
    let say = format!(
        "file {:.1} MB, registry {:.1} MB, peak while loading {:.1} MB",
        size as f64 / MB as f64,
        registry as f64 / MB as f64,
        peak as f64 / MB as f64
    );
    // The registry and a bounded buffer (a block of the file, the lists' last
    // growth, the checks' id maps); reading the file whole first added its size.
    assert!(peak <= registry + 4 * MB, "{say}");
    assert!(peak * 4 <= size * 5, "{say}: over 1.25× the file");
    // No room held past the end: the lists are as long as they need to be.
    assert_eq!(reg.tasks.capacity(), reg.tasks.len(), "{say}");
    assert!(registry <= size, "{say}");

    // A save re-reads the file under its lock and writes it back: the registry read
    // again, and neither the file's bytes nor the new text held whole.
    let edit = dubang::registry::Edit::new(
        dubang::registry::EditTarget::Task(reg.tasks[7].id.clone()),
        dubang::registry::Op::SetProgress { to: 40 },
    )
    .with_note("推进会已召开");
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let saved = dubang::store::save_edit(&file, &edit).expect("the edit saves");
    let peak = PEAK.load(Relaxed) - before;
    assert!(saved.written);
    let say = format!("{say}; peak while saving {:.1} MB", peak as f64 / MB as f64);
    assert!(peak <= registry + 4 * MB, "{say}");
    assert_eq!(dubang::store::load(&file).unwrap().tasks[7].progress, 40);

    // The dashboard's save, on the version it shows: streamed a task at a time,
    // no second registry (it held one, the size of `registry`, beside its own).
    let shown = saved.stamp;
    let edit = dubang::registry::Edit::new(
        dubang::registry::EditTarget::Task(reg.tasks[19_000].id.clone()),
        dubang::registry::Op::SetStatus {
            to: dubang::registry::Status::Delayed,
        },
    );
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let over = dubang::store::save_edits_over(&file, &[edit], &[shown]).expect("the edit saves");
    let peak = PEAK.load(Relaxed) - before;
    let say = format!(
        "{say}; peak while saving the version shown {:.2} MB",
        peak as f64 / MB as f64
    );
    assert!(matches!(over, dubang::store::SavedOver::Shown(_)), "{say}");
    // A block of the file, the write buffer, one task and the registry's text
    // without its tasks.
    assert!(peak <= 3 * MB, "{say}");
    let now = dubang::store::load(&file).unwrap();
    assert_eq!(now.tasks[19_000].status, dubang::registry::Status::Delayed);
    assert_eq!(now.tasks[7].progress, 40);

    // A colleague's save, read by the dashboard against what it shows: the tasks
    // that changed, not a second registry.
    let shown = dubang::store::load(&file).unwrap();
    let mut theirs = dubang::registry::Edit::new(
        dubang::registry::EditTarget::Task(shown.tasks[12_345].id.clone()),
        dubang::registry::Op::SetProgress { to: 70 },
    );
    theirs.by = "wangfang".into();
    dubang::store::save_edit(&file, &theirs).unwrap();
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let stop = std::sync::atomic::AtomicBool::new(false);
    let patch = dubang::store::patch(&file, &shown, &stop).expect("only an edit");
    let peak = PEAK.load(Relaxed) - before;
    let say = format!(
        "{say}; peak while reading a colleague's save {:.2} MB",
        peak as f64 / MB as f64
    );
    assert_eq!(patch.tasks.len(), 1, "{say}");
    assert_eq!(patch.tasks[0].1.progress, 70, "{say}");
    assert!(peak <= 3 * MB, "{say}");
    eprintln!("{say}");
}
