//! The search index's heap, counted by a counting allocator: a test binary of its
//! own, because the allocator counts for the whole process and the integration
//! tests (`tests/it`) run many tests on many threads at once.
//!
//! Issue 16's budget for the search index is 35 MB at 100 000 tasks (the file is
//! 84.6 MB); it takes 33 MB there (`examples/memory.rs`). It used to take 150 MB,
//! 1 500 bytes a task: every character of every full text copied as a 4-byte
//! symbol, 216 bytes of filters and 64 bytes per field, arrays grown by doubling.
//! Measured here at 10 000 tasks, whose titles are a little longer than the
//! generated file's (a town and a phase each): 400 bytes a task, and half a
//! megabyte for what does not grow with the tasks (the symbol table's 256 KB
//! lookup array of characters).

#[path = "../benches/common/mod.rs"]
mod common;

#[path = "../benches/common/counting.rs"]
mod counting;

use counting::{Counting, NOW, PEAK};
use std::sync::atomic::Ordering::Relaxed;

#[global_allocator]
static A: Counting = Counting;

#[test]
fn the_search_index_of_10_000_tasks_fits_its_budget() {
    const TASKS: usize = 10_000;
    let reg = common::titled(TASKS);
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let index = dubang::search::SearchIndex::build(&reg);
    let kept = NOW.load(Relaxed) - before;
    let peak = PEAK.load(Relaxed) - before;
    // It finds what it should: a title, a text.
    assert!(!index.search("swj", 5).is_empty());
    assert!(!index.search("wushui", 5).is_empty());
    let budget = 400 * TASKS + 500_000;
    assert!(
        kept <= budget,
        "the index keeps {kept} bytes, {} a task (budget {budget})",
        kept / TASKS
    );
    // Building it does not take much more than it keeps (no doubling arrays).
    assert!(
        peak <= kept + kept / 2,
        "building it took {peak} bytes at its peak for {kept} kept"
    );
    drop(index);
    drop(reg);
}
