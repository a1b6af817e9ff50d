//! Eight processes run `dubang set` a hundred times each on one file at the same time:
//! no edit is lost, and each process's edits are in the file in the order it made them.
//! The file lives in memory (`/dev/shm`) when it can: this is about the lock, and on
//! this machine's virtual disk the two fsyncs of each save would take most of a minute.

use crate::edit_common::{fixture_in_memory, run, set_cmd};
use dubang::registry::Registry;
use std::time::Instant;

const PROCS: usize = 8;
const EDITS: usize = 100;
const STATUSES: [&str; 4] = ["in_progress", "delayed", "blocked", "not_started"];

/// Processes 0–3 each edit their own task (2–5); processes 4–7 all edit task 1.
fn task_of(p: usize) -> u32 {
    if p < 4 { p as u32 + 2 } else { 1 }
}

#[test]
fn concurrent_sets_lose_nothing_and_keep_each_writers_order() {
    let _load = crate::common::heavy();
    let (dir, file) = fixture_in_memory();
    println!("registry in {}", dir.path().display());
    let start = Instant::now();
    let workers: Vec<_> = (0..PROCS)
        .map(|p| {
            let file = file.clone();
            std::thread::spawn(move || {
                let task = task_of(p).to_string();
                for i in 0..EDITS {
                    // Statuses cycle in a different phase per process, so the shared
                    // task really changes hands; "done" is left out because it also
                    // records a progress entry.
                    let status = STATUSES[(i + p) % STATUSES.len()];
                    let note = format!("p{p}-i{i}");
                    let out = run(set_cmd(&file, &[&task, status, "--note", &note]));
                    assert!(
                        out.status.success(),
                        "process {p} edit {i}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a writer failed");
    }
    println!(
        "{} saves by {PROCS} concurrent processes in {:.2?}",
        PROCS * EDITS,
        start.elapsed()
    );

    let reg: Registry = dubang::store::load(&file).expect("the file validates after the storm");
    let total: usize = reg.tasks.iter().map(|t| t.history.len()).sum();
    assert_eq!(
        total,
        PROCS * EDITS,
        "every save left exactly one history entry"
    );

    for p in 0..PROCS {
        let task = reg.tasks.iter().find(|t| t.number == task_of(p)).unwrap();
        let mine: Vec<usize> = task
            .history
            .iter()
            .filter_map(|h| h.note.as_deref()?.strip_prefix(&format!("p{p}-i")))
            .map(|i| i.parse().unwrap())
            .collect();
        assert_eq!(
            mine,
            (0..EDITS).collect::<Vec<_>>(),
            "process {p}'s edits, in the order it made them"
        );
    }

    // Each edit was applied on top of the one before it: every entry's `from` is the
    // previous entry's `to`, and the last `to` is the task's status.
    for t in reg.tasks.iter().filter(|t| !t.history.is_empty()) {
        let mut status = serde_json::Value::from("not_started");
        for h in &t.history {
            assert_eq!(h.field, "status");
            assert_eq!(h.from.as_ref(), Some(&status), "task {}: {h:?}", t.number);
            assert_eq!(h.by, crate::common::people::recorded_as("tester"));
            status = h.to.clone().unwrap();
        }
        assert_eq!(serde_json::Value::from(t.status.key()), status);
    }
}
