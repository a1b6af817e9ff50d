//! What the benchmarks share: the bundled plan, and the plan scaled up to many tasks.
//! Each bench file includes this with `mod common;` and uses what it needs.
#![allow(dead_code)]

use dubang::registry::Registry;
use dubang::store::{BUNDLED, parse_bytes};
use std::path::Path;

pub fn bundled() -> Registry {
    parse_bytes(Path::new("registry.json"), BUNDLED.as_bytes()).expect("bundled registry")
}

/// The bundled plan with its tasks cloned up to `n`, with unique ids and numbers
/// 1..=n; `each(i, task)` may vary the copies.
pub fn scaled(n: usize, mut each: impl FnMut(usize, &mut dubang::registry::Task)) -> Registry {
    let mut reg = bundled();
    let base = reg.tasks.clone();
    reg.tasks = (0..n)
        .map(|i| {
            let mut t = base[i % base.len()].clone();
            t.id = format!("t{}", i + 1);
            t.number = (i + 1) as u32;
            each(i, &mut t);
            t
        })
        .collect();
    reg
}

/// [`scaled`] with each title varied by a town and a phase, so that a search index
/// does not hold one title thousands of times; each text its own string, as when
/// read from a file (the bench and `tests/search_memory.rs` measure this one).
pub fn titled(n: usize) -> Registry {
    let reg = bundled();
    let towns: Vec<String> = reg
        .towns
        .iter()
        .map(|t| t.short.clone().unwrap_or_else(|| t.name.clone()))
        .collect();
    let per = reg.tasks.len();
    scaled(n, |i, t| {
        t.title = format!(
            "{}({}{}期)",
            t.title,
            towns[i % towns.len()],
            i / per % 9 + 1
        );
        t.text = t.text.to_string().into();
    })
}

/// [`scaled`] with a little history on every third task, as a registry in use for
/// a while has: a status change with a note.
pub fn in_use(n: usize) -> Registry {
    use dubang::registry::{Edit, EditTarget, Index, Op, Status, apply_indexed};
    let mut reg = scaled(n, |_, _| {});
    // Found through an index: a scan per edit made this quadratic.
    let mut ix = Index::build(&reg);
    let ids: Vec<String> = reg.tasks.iter().step_by(3).map(|t| t.id.clone()).collect();
    for (i, id) in ids.into_iter().enumerate() {
        let e = Edit::new(
            EditTarget::Task(id),
            Op::SetStatus {
                to: Status::InProgress,
            },
        )
        .with_note(format!("第{i}次督办：已召开推进会"));
        apply_indexed(&mut reg, &mut ix, &e).expect("an edit of a task that exists");
    }
    reg
}
