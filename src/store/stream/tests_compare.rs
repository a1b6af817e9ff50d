//! A colleague's save read against the version shown: the tasks that differ in
//! what edits change, at every block size; anything else read whole.

use super::*;
use crate::registry::{Op, Status, apply};
use crate::store::files::FILE_CAP;
use crate::store::{BUNDLED, parse_bytes, to_json};
use chrono::DateTime;
use std::path::Path;
use std::sync::Arc;

const BLOCKS: [usize; 6] = [1, 7, 64, 1000, 4096, BLOCK];

/// The bundled plan as the dashboard shows it (cleaned for the screen).
fn shown() -> Registry {
    parse_bytes(Path::new("r.json"), BUNDLED.as_bytes()).unwrap()
}

/// The bundled plan as written, for a colleague to change.
fn written() -> Registry {
    serde_json::from_str(BUNDLED).unwrap()
}

fn edit(target: EditTarget, op: Op, by: &str) -> Edit {
    let mut e = Edit::new(target, op);
    e.by = by.into();
    e.at = DateTime::parse_from_rfc3339("2026-11-30T09:00:00+08:00").unwrap();
    e
}

/// The patch of `file` against `shown`, the same at every block size.
fn patch(file: &str, shown: &Registry) -> Option<Patch> {
    let stop = AtomicBool::new(false);
    let first = patch_in_blocks(
        file.as_bytes(),
        file.len() as u64,
        FILE_CAP,
        1,
        shown,
        &stop,
    );
    for block in BLOCKS {
        let got = patch_in_blocks(
            file.as_bytes(),
            file.len() as u64,
            FILE_CAP,
            block,
            shown,
            &stop,
        );
        assert_eq!(got, first, "block of {block} bytes");
    }
    first
}

#[test]
fn a_colleagues_edits_come_back_as_the_tasks_and_goals_they_changed() {
    let shown = shown();
    assert_eq!(
        patch(BUNDLED, &shown),
        Some(Patch {
            tasks: Vec::new(),
            goals: None
        })
    );
    let mut theirs = written();
    let by = "wangfang";
    let t = |id: &str| EditTarget::Task(id.into());
    apply(
        &mut theirs,
        &edit(
            t("t4"),
            Op::SetStatus {
                to: Status::Delayed,
            },
            by,
        ),
    )
    .unwrap();
    apply(&mut theirs, &edit(t("t20"), Op::SetProgress { to: 60 }, by)).unwrap();
    // A note with a terminal escape: cleaned as a load cleans it.
    let note = Op::AddNote {
        text: "已召开\u{1b}[2J推进会".into(),
    };
    apply(&mut theirs, &edit(t("t20"), note, by)).unwrap();
    let goal = EditTarget::Goal(theirs.goals[1].id.clone());
    apply(
        &mut theirs,
        &edit(goal, Op::SetStatus { to: Status::Done }, by),
    )
    .unwrap();
    let p = patch(&to_json(&theirs), &shown).expect("only edits");
    let mut loaded = parse_bytes(Path::new("r.json"), to_json(&theirs).as_bytes()).unwrap();
    let positions: Vec<usize> = p.tasks.iter().map(|(i, _)| *i).collect();
    assert_eq!(positions, [3, 19]);
    for (i, task) in &p.tasks {
        assert_eq!(*task, loaded.tasks[*i]);
        // The text is the one shown, shared rather than held twice.
        assert!(Arc::ptr_eq(&task.text, &shown.tasks[*i].text));
    }
    assert!(
        !p.tasks[1]
            .1
            .history
            .iter()
            .any(|h| h.note.as_deref().is_some_and(|n| n.contains('\u{1b}')))
    );
    assert_eq!(p.goals.as_deref(), Some(&loaded.goals[..]));
    // Put in place, the patch gives the version as a load reads it.
    let mut patched = shown.clone();
    for (i, task) in p.tasks {
        patched.tasks[i] = task;
    }
    patched.goals = p.goals.unwrap();
    loaded
        .tasks
        .iter_mut()
        .zip(&patched.tasks)
        .for_each(|(l, p)| l.text = Arc::clone(&p.text));
    assert_eq!(patched, loaded);
}

#[test]
fn anything_but_edits_is_read_whole() {
    let shown = shown();
    let changed = |change: &dyn Fn(&mut Registry)| {
        let mut r = written();
        change(&mut r);
        patch(&to_json(&r), &shown)
    };
    assert_eq!(changed(&|r| r.tasks[2].title.push('改')), None);
    assert_eq!(changed(&|r| r.tasks[2].lead.push("u1".into())), None);
    assert_eq!(changed(&|r| r.tasks[2].progress = 101), None);
    assert_eq!(
        changed(&|r| {
            r.tasks.pop();
        }),
        None
    );
    assert_eq!(
        changed(&|r| {
            let t = r.tasks[0].clone();
            r.tasks.push(t);
        }),
        None
    );
    assert_eq!(changed(&|r| r.tasks.swap(0, 1)), None);
    assert_eq!(changed(&|r| r.document.title.push('改')), None);
    assert_eq!(changed(&|r| r.units[0].name.push('改')), None);
    assert_eq!(changed(&|r| r.goals[0].text.push('改')), None);
    assert_eq!(
        changed(&|r| {
            r.goals.pop();
        }),
        None
    );
    // Broken text: the whole read words it.
    assert_eq!(patch(&BUNDLED[..BUNDLED.len() / 2], &shown), None);
}

#[test]
fn a_stop_gives_up() {
    let shown = shown();
    let stop = AtomicBool::new(true);
    let got = patch_in_blocks(
        BUNDLED.as_bytes(),
        BUNDLED.len() as u64,
        FILE_CAP,
        BLOCK,
        &shown,
        &stop,
    );
    assert_eq!(got, None);
}
